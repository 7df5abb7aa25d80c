using Velox.Ipc.LogBuffers;
using static Velox.Ipc.LogBuffers.LogBufferDescriptor;

namespace Velox.Ipc.Publications;

/// <summary>
/// Turns a region left unpublished by a writer that died between claim and commit into padding,
/// so readers waiting at <c>position</c> can move on (Aeron's "blocked publisher" recovery).
/// </summary>
internal static unsafe class LogUnblocker
{
    /// <summary>True when a blocked region starting at the position was padded.</summary>
    public static bool Unblock(MappedLog log, long position)
    {
        var termLength = log.TermLength;
        var index = IndexByPosition(position, log.PositionBitsToShift);
        var term = log.Term(index);
        var offset = (int)(position & (termLength - 1));
        var termId = unchecked(log.InitialTermId + (int)(position >> log.PositionBitsToShift));
        var lengthField = (int*)(term + offset);
        var length = Volatile.Read(ref *lengthField);
        if (length < 0)
        {
            // Claimed, header written, never committed: keep its extent, mark it padding, publish.
            *(short*)(term + offset + DataHeader.TypeOffset) = DataHeader.TypePad;
            return Interlocked.CompareExchange(ref *lengthField, -length, length) == length;
        }

        if (length > 0)
        {
            return false;
        }

        // Tail moved past the position but nothing was written: pad up to the next written frame (or the tail).
        var rawTail = Volatile.Read(ref *log.TailCounter(index));
        if (TermId(rawTail) != termId)
        {
            return false;
        }

        var end = TermOffset(rawTail, termLength);
        if (end <= offset)
        {
            return false;
        }

        var next = offset + DataHeader.FrameAlignment;
        while (next < end && Volatile.Read(ref *(int*)(term + next)) == 0)
        {
            next += DataHeader.FrameAlignment;
        }

        FrameWriter.WritePadding(term, offset, next - offset, log.SessionId, log.StreamId, termId);
        return true;
    }
}
