using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Velox.Ipc.LogBuffers;
using static Velox.Ipc.LogBuffers.LogBufferDescriptor;

namespace Velox.Ipc.Publications;

/// <summary>Frame-level writes shared by both publications and the unblocker.</summary>
internal static unsafe class FrameWriter
{
    /// <summary>
    /// Writes a header whose length is negative (claimed, in progress). The first 8 bytes (length, version,
    /// flags, type) go in one release store so a reader never sees a length without its type.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteClaimedHeader(byte* frame, int frameLength, byte flags, short type, int termOffset, int sessionId, int streamId, int termId)
    {
        var first = (uint)-frameLength | ((long)flags << 40) | ((long)(ushort)type << 48);
        Volatile.Write(ref *(long*)frame, first);
        *(int*)(frame + DataHeader.TermOffsetOffset) = termOffset;
        *(int*)(frame + DataHeader.SessionIdOffset) = sessionId;
        *(int*)(frame + DataHeader.StreamIdOffset) = streamId;
        *(int*)(frame + DataHeader.TermIdOffset) = termId;
        *(long*)(frame + DataHeader.ReservedValueOffset) = 0;
    }

    /// <summary>Release-store of the positive length: publishes header and payload written before it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Publish(byte* frame, int frameLength) =>
        Volatile.Write(ref *(int*)(frame + DataHeader.FrameLengthOffset), frameLength);

    /// <summary>
    /// Copies a payload into the log: 16 to 64 bytes with two or four overlapping 16-byte moves in line (no call),
    /// other lengths through <see cref="Span{T}.CopyTo"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyPayload(byte* destination, ReadOnlySpan<byte> payload)
    {
        var length = payload.Length;
        if ((uint)(length - 16) <= 48)
        {
            ref var source = ref MemoryMarshal.GetReference(payload);
            var last = (nuint)(length - 16);
            var first = Vector128.LoadUnsafe(ref source);
            var end = Vector128.LoadUnsafe(ref source, last);
            if (length > 32)
            {
                var second = Vector128.LoadUnsafe(ref source, 16);
                var beforeEnd = Vector128.LoadUnsafe(ref source, last - 16);
                second.Store(destination + 16);
                beforeEnd.Store(destination + last - 16);
            }

            first.Store(destination);
            end.Store(destination + last);
            return;
        }

        payload.CopyTo(new Span<byte>(destination, length));
    }

    /// <summary>A padding frame covering <paramref name="length"/> bytes (negative length first, then positive).</summary>
    public static void WritePadding(byte* term, int termOffset, int length, int sessionId, int streamId, int termId)
    {
        var frame = term + termOffset;
        WriteClaimedHeader(frame, length, DataHeader.UnfragmentedFlags, DataHeader.TypePad, termOffset, sessionId, streamId, termId);
        Publish(frame, length);
    }

    /// <summary>
    /// Writes the fragments of a message into a region already reserved in one term: BEGIN on the first,
    /// END on the last, none in between; each fragment is published as soon as it is complete.
    /// </summary>
    public static void WriteFragmented(
        byte* term, int termOffset, ReadOnlySpan<byte> message, int maxPayload, int sessionId, int streamId, int termId)
    {
        var remaining = message.Length;
        var offset = termOffset;
        var flags = DataHeader.BeginFlag;
        var source = 0;
        while (remaining > 0)
        {
            var payload = Math.Min(remaining, maxPayload);
            if (payload == remaining)
            {
                flags |= DataHeader.EndFlag;
            }

            var frame = term + offset;
            var frameLength = payload + DataHeader.Length;
            WriteClaimedHeader(frame, frameLength, flags, DataHeader.TypeData, offset, sessionId, streamId, termId);
            message.Slice(source, payload).CopyTo(new Span<byte>(frame + DataHeader.Length, payload));
            Publish(frame, frameLength);
            flags = 0;
            source += payload;
            remaining -= payload;
            offset += DataHeader.Align(frameLength);
        }
    }

    /// <summary>Aligned bytes a message occupies once fragmented at <paramref name="maxPayload"/>.</summary>
    public static int FragmentedLength(int length, int maxPayload)
    {
        var full = length / maxPayload;
        var rest = length % maxPayload;
        return (full * DataHeader.Align(maxPayload + DataHeader.Length)) + (rest > 0 ? DataHeader.Align(rest + DataHeader.Length) : 0);
    }

    /// <summary>
    /// Moves the log to the next term: CAS the next partition's tail from a term id three terms back to
    /// (nextTermId, 0) (another writer may have done it), then CAS the active term count forward.
    /// </summary>
    public static void Rotate(MappedLog log, int termCount, int termId)
    {
        var nextTermId = unchecked(termId + 1);
        var nextTermCount = termCount + 1;
        var tail = log.TailCounter(IndexByTermCount(nextTermCount));
        var expectedTermId = unchecked(nextTermId - PartitionCount);
        long rawTail;
        do
        {
            rawTail = Volatile.Read(ref *tail);
            if (TermId(rawTail) != expectedTermId)
            {
                break;
            }
        }
        while (Interlocked.CompareExchange(ref *tail, PackTail(nextTermId, 0), rawTail) != rawTail);

        Interlocked.CompareExchange(ref *log.ActiveTermCount, nextTermCount, termCount);
    }
}
