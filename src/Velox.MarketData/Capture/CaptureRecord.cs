namespace Velox.MarketData.Capture;

/// <summary>
/// One record of a capture. <see cref="Frame"/> points into the reader's buffer and is valid only
/// until the next read.
/// </summary>
public readonly struct CaptureRecord
{
    public CaptureRecord(long timestampNanos, CaptureDirection direction, int connection, ReadOnlyMemory<byte> frame)
    {
        TimestampNanos = timestampNanos;
        Direction = direction;
        Connection = connection;
        Frame = frame;
    }

    /// <summary>Recorded receive/send time in Unix nanoseconds, or 0 when the format has none.</summary>
    public long TimestampNanos { get; }

    public CaptureDirection Direction { get; }

    /// <summary>Connection ordinal in order of first appearance (0 when the format has a single stream).</summary>
    public int Connection { get; }

    /// <summary>The raw frame (or body, address, metadata) bytes exactly as recorded.</summary>
    public ReadOnlyMemory<byte> Frame { get; }
}
