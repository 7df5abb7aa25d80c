using System.Runtime.CompilerServices;
using Velox.Ipc.LogBuffers;
using static Velox.Ipc.LogBuffers.LogBufferDescriptor;

namespace Velox.Ipc.Subscriptions;

/// <summary>
/// One subscriber's view of a log: walks frames from its position (acquire-load of each frame length,
/// stop at ≤ 0, skip padding, deliver data) and release-stores the new position into its sub-pos
/// counter, the only feedback the publisher's flow control sees. Single-threaded.
/// </summary>
public sealed unsafe class Image
{
    private readonly MappedLog _log;
    private readonly long* _subscriberPosition;
    private readonly int _termLength;
    private readonly int _positionBitsToShift;
    private long _position;

    /// <summary>An image over a mapped log, reading from <paramref name="joinPosition"/> and publishing progress to <paramref name="subscriberPosition"/>.</summary>
    public Image(MappedLog log, long* subscriberPosition, long joinPosition)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
        _subscriberPosition = subscriberPosition;
        _termLength = log.TermLength;
        _positionBitsToShift = log.PositionBitsToShift;
        _position = joinPosition;
        JoinPosition = joinPosition;
        Volatile.Write(ref *subscriberPosition, joinPosition);
    }

    public MappedLog Log => _log;

    public long JoinPosition { get; }

    /// <summary>Position of the next fragment to read.</summary>
    public long Position => _position;

    public int SessionId => _log.SessionId;

    /// <summary>True once everything up to the end-of-stream position has been consumed.</summary>
    public bool IsEndOfStream => _position >= Volatile.Read(ref *_log.EndOfStreamPosition);

    /// <summary>Delivers up to <paramref name="fragmentLimit"/> DATA fragments from the current term; returns how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Poll<THandler>(ref THandler handler, int fragmentLimit)
        where THandler : struct, IFragmentHandler
    {
        var position = _position;
        var termOffset = (int)(position & (_termLength - 1));
        var term = _log.Term(IndexByPosition(position, _positionBitsToShift));
        var offset = termOffset;
        var fragments = 0;
        try
        {
            while (fragments < fragmentLimit && offset < _termLength)
            {
                // Acquire: pairs with the writer's release of the positive length after the payload.
                var frameLength = Volatile.Read(ref *(int*)(term + offset));
                if (frameLength <= 0)
                {
                    break;
                }

                var frame = term + offset;
                offset += DataHeader.Align(frameLength);
                if (*(short*)(frame + DataHeader.TypeOffset) == DataHeader.TypePad)
                {
                    continue;
                }

                fragments++;
                var header = new FragmentHeader(frame, position + (offset - termOffset));
                handler.OnFragment(new ReadOnlySpan<byte>(frame + DataHeader.Length, frameLength - DataHeader.Length), in header);
            }
        }
        finally
        {
            var newPosition = position + (offset - termOffset);
            if (newPosition > position)
            {
                _position = newPosition;
                // Release: the publisher may clean and overwrite everything behind this position.
                Volatile.Write(ref *_subscriberPosition, newPosition);
            }
        }

        return fragments;
    }
}
