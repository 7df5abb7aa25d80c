using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Velox.Logging.Ring;

/// <summary>
/// One fixed-size slot of the log ring (128 bytes, two cache lines): the ring's sequence word, the clock
/// time, the event id, how many values the call site gave, and up to <see cref="MaxFields"/> 8-byte values.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal struct LogRecord
{
    public const int Size = 128;
    public const int SequenceOffset = 0;
    public const int TimestampOffset = 8;
    public const int EventIdOffset = 16;
    public const int FieldCountOffset = 20;
    public const int ValuesOffset = 24;
    public const int MaxFields = (Size - ValuesOffset) / sizeof(long);

    /// <summary>Ring protocol word: position when free, position + 1 when committed (see <see cref="LogRing"/>).</summary>
    [FieldOffset(SequenceOffset)]
    public long Sequence;

    [FieldOffset(TimestampOffset)]
    public long Timestamp;

    [FieldOffset(EventIdOffset)]
    public int EventId;

    [FieldOffset(FieldCountOffset)]
    public int FieldCount;

    [FieldOffset(ValuesOffset)]
    public RecordValues Values;
}

/// <summary>The inline field values of a <see cref="LogRecord"/>.</summary>
[InlineArray(LogRecord.MaxFields)]
internal struct RecordValues
{
    private long _first;
}
