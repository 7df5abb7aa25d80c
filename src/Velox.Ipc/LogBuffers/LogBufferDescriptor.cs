using System.Numerics;
using System.Runtime.CompilerServices;

namespace Velox.Ipc.LogBuffers;

/// <summary>
/// Layout of a log buffer file (Aeron IPC design): three term partitions of <c>termLength</c> bytes
/// followed by a 4096-byte metadata section. Offsets below are from the start of the metadata section.
/// Also the position arithmetic shared by publishers, images and the log conductor.
/// </summary>
public static class LogBufferDescriptor
{
    /// <summary>Number of term partitions in a log.</summary>
    public const int PartitionCount = 3;

    /// <summary>Length of the metadata section at the end of the log.</summary>
    public const int MetadataLength = 4096;

    /// <summary>Smallest allowed term length (64 KiB).</summary>
    public const int MinTermLength = 64 * 1024;

    /// <summary>Largest allowed term length (1 GiB).</summary>
    public const int MaxTermLength = 1024 * 1024 * 1024;

    /// <summary>Page size the file length is rounded to.</summary>
    public const int PageSize = 4096;

    /// <summary>Upper bound on a message, independent of the term length.</summary>
    public const int MaxMessageLengthCap = 16 * 1024 * 1024;

    /// <summary>Three i64 raw tails (termId &lt;&lt; 32 | termOffset), one per partition.</summary>
    public const int TermTailCountersOffset = 0;

    public const int ActiveTermCountOffset = 24;

    public const int EndOfStreamPositionOffset = 128;

    public const int IsConnectedOffset = 136;

    public const int CorrelationIdOffset = 256;

    public const int InitialTermIdOffset = 264;

    public const int DefaultFrameHeaderLengthOffset = 268;

    public const int MtuLengthOffset = 272;

    public const int TermLengthOffset = 276;

    public const int PageSizeOffset = 280;

    public const int PublicationWindowLengthOffset = 284;

    /// <summary>The 32-byte data header template (128 bytes reserved).</summary>
    public const int DefaultFrameHeaderOffset = 320;

    /// <summary>File length for a term length: align(3 * termLength + 4096, page size).</summary>
    public static long ComputeLogLength(int termLength) =>
        ((((long)PartitionCount * termLength) + MetadataLength) + PageSize - 1) & ~(long)(PageSize - 1);

    /// <summary>True when the term length is a power of two within 64 KiB … 1 GiB.</summary>
    public static bool IsValidTermLength(int termLength) =>
        termLength is >= MinTermLength and <= MaxTermLength && BitOperations.IsPow2(termLength);

    /// <summary>log2(termLength).</summary>
    public static int PositionBitsToShift(int termLength) => BitOperations.Log2((uint)termLength);

    /// <summary>Largest message a publication accepts: min(termLength / 8, 16 MiB).</summary>
    public static int ComputeMaxMessageLength(int termLength) => Math.Min(termLength / 8, MaxMessageLengthCap);

    /// <summary>Position space end: termLength &lt;&lt; 31.</summary>
    public static long MaxPossiblePosition(int termLength) => (long)termLength << 31;

    /// <summary>((termId − initialTermId) &lt;&lt; shift) + termOffset, with wrapping term id subtraction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ComputePosition(int termId, int termOffset, int positionBitsToShift, int initialTermId) =>
        ((long)unchecked(termId - initialTermId) << positionBitsToShift) + termOffset;

    /// <summary>Start position of the term with the given id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ComputeTermBeginPosition(int termId, int positionBitsToShift, int initialTermId) =>
        (long)unchecked(termId - initialTermId) << positionBitsToShift;

    /// <summary>Partition index holding a position: (position &gt;&gt; shift) % 3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexByPosition(long position, int positionBitsToShift) =>
        (int)((ulong)position >> positionBitsToShift) % PartitionCount;

    /// <summary>Partition index for an active term count: count % 3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexByTermCount(long termCount) => (int)(termCount % PartitionCount);

    /// <summary>Term id held in the upper 32 bits of a raw tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TermId(long rawTail) => (int)(rawTail >> 32);

    /// <summary>Term offset of a raw tail, clamped to the term length (the tail may over-claim past the end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TermOffset(long rawTail, int termLength) => (int)Math.Min(rawTail & 0xFFFF_FFFFL, termLength);

    /// <summary>Packs a term id and offset into a raw tail value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long PackTail(int termId, int termOffset) => ((long)termId << 32) | (uint)termOffset;
}
