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
    private byte* _termBuffer;

    /// <summary>An image over a mapped log, reading from <paramref name="joinPosition"/> and publishing progress to <paramref name="subscriberPosition"/>.</summary>
    public Image(MappedLog log, long* subscriberPosition, long joinPosition)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
        _subscriberPosition = subscriberPosition;
        _termLength = log.TermLength;
        _positionBitsToShift = log.PositionBitsToShift;
        _position = joinPosition;
        _termBuffer = log.Term(IndexByPosition(joinPosition, _positionBitsToShift));
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

    /// <summary>
    /// Delivers up to <paramref name="fragmentLimit"/> DATA fragments from the current term; returns how many.
    /// <see cref="Position"/> moves past each fragment before its callback, so a handler
    /// that throws does not get it again; the sub-pos counter is release-stored once after the batch (never ahead of
    /// a running callback; after a throw it catches up on the next poll).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Poll<THandler>(ref THandler handler, int fragmentLimit)
        where THandler : struct, IFragmentHandler
    {
        var initialPosition = _position;
        var termLength = _termLength;
        var termOffset = (int)initialPosition & (termLength - 1);
        var term = termOffset != 0 ? _termBuffer : TermAtStart(initialPosition);
        var offset = termOffset;
        var fragments = 0;
        while (fragments < fragmentLimit && offset < termLength)
        {
            // Acquire: pairs with the writer's release of the positive length after the payload.
            var frame = term + offset;
            var frameLength = Volatile.Read(ref *(int*)frame);
            if (frameLength <= 0)
            {
                break;
            }

            offset += DataHeader.Align(frameLength);
            var position = initialPosition + (offset - termOffset);
            _position = position;
            if (*(short*)(frame + DataHeader.TypeOffset) == DataHeader.TypePad)
            {
                continue;
            }

            fragments++;
            var header = new FragmentHeader(frame, position);
            handler.OnFragment(new ReadOnlySpan<byte>(frame + DataHeader.Length, frameLength - DataHeader.Length), in header);
        }

        if (offset != termOffset)
        {
            // Release: the publisher may clean and overwrite everything behind this position.
            Volatile.Write(ref *_subscriberPosition, initialPosition + (offset - termOffset));
        }

        return fragments;
    }

    /// <summary>
    /// Hands the run of complete frames (padding included) from the current position to the end of the term,
    /// capped at <paramref name="blockLengthLimit"/> bytes (a first frame longer than the cap is still taken), as
    /// one block; returns its length. Used by the archive to record frames byte for byte.
    /// </summary>
    public int BlockPoll<THandler>(ref THandler handler, int blockLengthLimit)
        where THandler : struct, IBlockHandler
    {
        var position = _position;
        var termOffset = (int)(position & (_termLength - 1));
        var term = termOffset != 0 ? _termBuffer : TermAtStart(position);
        var limit = (int)Math.Min((long)termOffset + blockLengthLimit, _termLength);
        var offset = termOffset;
        while (offset < _termLength)
        {
            // Acquire: pairs with the writer's release of the positive length after the payload.
            var frameLength = Volatile.Read(ref *(int*)(term + offset));
            if (frameLength <= 0)
            {
                break;
            }

            var next = offset + DataHeader.Align(frameLength);
            if (next > limit && offset > termOffset)
            {
                break;
            }

            offset = next;
        }

        var length = offset - termOffset;
        if (length > 0)
        {
            handler.OnBlock(new ReadOnlySpan<byte>(term + termOffset, length), position);
            _position = position + length;
            // Release: the publisher may clean and overwrite everything behind this position.
            Volatile.Write(ref *_subscriberPosition, _position);
        }

        return length;
    }

    /// <summary>
    /// At the start of a term (the only place the partition can change) look the partition up again and cache it;
    /// every other position is in the partition cached here.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private byte* TermAtStart(long position) => _termBuffer = _log.Term(IndexByPosition(position, _positionBitsToShift));
}
