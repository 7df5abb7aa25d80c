namespace Velox.Archive.Recording;

/// <summary>How an <see cref="ArchiveRecorder"/> lays out and maintains a recording.</summary>
public sealed class ArchiveRecorderOptions
{
    /// <summary>Default segment file length (64 MiB).</summary>
    public const int DefaultSegmentLength = 64 * 1024 * 1024;

    /// <summary>Segment file length: a power of two; raised to the stream's term length when smaller.</summary>
    public int SegmentLength { get; init; } = DefaultSegmentLength;

    /// <summary>Gzip each segment once it is closed.</summary>
    public bool Compress { get; init; }

    /// <summary>Most bytes taken from the log per duty cycle.</summary>
    public int BlockLengthLimit { get; init; } = 1024 * 1024;

    /// <summary>How often the catalog's stop position is advanced while recording.</summary>
    public TimeSpan CatalogUpdateInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Throws <see cref="ArgumentException"/> for an invalid configuration.</summary>
    public void Validate()
    {
        if (SegmentLength <= 0 || (SegmentLength & (SegmentLength - 1)) != 0)
        {
            throw new ArgumentException($"segment length {SegmentLength} must be a power of two");
        }

        if (BlockLengthLimit < 4096)
        {
            throw new ArgumentException($"block length limit {BlockLengthLimit} must be at least 4096");
        }
    }
}
