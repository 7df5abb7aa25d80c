using Velox.Ipc.LogBuffers;

namespace Velox.Ipc.Subscriptions;

/// <summary>
/// Reassembles BEGIN..END fragments into a buffer preallocated at construction and hands whole messages
/// to <see cref="Handler"/>. Fragments of one message are contiguous in one term, so one buffer per
/// image suffices. Unfragmented messages pass straight through without a copy.
/// </summary>
public struct FragmentAssembler<THandler> : IFragmentHandler
    where THandler : struct, IFragmentHandler
{
    /// <summary>The handler that receives whole messages (a field so its state can be read back).</summary>
    public THandler Handler;

    private readonly byte[] _buffer;
    private int _length;
    private bool _inProgress;

    public FragmentAssembler(THandler handler, int maxMessageLength)
    {
        Handler = handler;
        _buffer = new byte[maxMessageLength];
        _length = 0;
        _inProgress = false;
    }

    /// <summary>Messages dropped because a fragment was missing or the message exceeded the buffer.</summary>
    public long DroppedMessages { get; private set; }

    public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
    {
        var flags = header.Flags;
        if ((flags & DataHeader.UnfragmentedFlags) == DataHeader.UnfragmentedFlags)
        {
            Handler.OnFragment(payload, in header);
            return;
        }

        if ((flags & DataHeader.BeginFlag) != 0)
        {
            if (_inProgress)
            {
                DroppedMessages++;
            }

            _length = 0;
            _inProgress = true;
        }
        else if (!_inProgress)
        {
            return;
        }

        if (_length + payload.Length > _buffer.Length)
        {
            DroppedMessages++;
            _inProgress = false;
            return;
        }

        payload.CopyTo(_buffer.AsSpan(_length));
        _length += payload.Length;
        if ((flags & DataHeader.EndFlag) != 0)
        {
            _inProgress = false;
            Handler.OnFragment(_buffer.AsSpan(0, _length), in header);
        }
    }
}
