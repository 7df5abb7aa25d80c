namespace Velox.Archive.Segments;

/// <summary>
/// "&lt;recordingId&gt;.times": 16-byte entries appended by the recorder, one per recorded block: the stream
/// position at the end of the block and the epoch-ns time the recorder took it from the log. Replay at
/// recorded pace schedules each message at the time of the block that holds it. Little-endian.
/// </summary>
public static class TimestampIndexLayout
{
    public const int EntryLength = 16;

    /// <summary>i64 position just after the block.</summary>
    public const int EndPositionOffset = 0;

    /// <summary>i64 epoch nanoseconds when the block was recorded.</summary>
    public const int TimeOffset = 8;
}
