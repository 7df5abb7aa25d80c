namespace Velox.PeerBench.Replay;

/// <summary>One pipeline over one frame stream: how many frames, how fast, what it allocated and what it concluded.</summary>
public sealed record ThroughputResult
{
    /// <summary>"velox", "ccxt", "naive-dotnet".</summary>
    public required string Pipeline { get; init; }

    public required string Scenario { get; init; }

    public required long Frames { get; init; }

    public required double Seconds { get; init; }

    /// <summary>Whole passes over the corpus (replay) or 1 (loopback).</summary>
    public int Passes { get; init; } = 1;

    /// <summary>Bytes allocated during the timed part; -1 when the peer cannot say.</summary>
    public long AllocatedBytes { get; init; } = -1;

    public long ChecksumsVerified { get; init; }

    public long ChecksumMismatches { get; init; }

    /// <summary>Frames the pipeline rejected (parse errors, unknown channel, ...).</summary>
    public long Errors { get; init; }

    /// <summary>Book tops after the last pass, for the cross-check.</summary>
    public IReadOnlyList<TopOfBook> Tops { get; init; } = [];

    /// <summary>Free text: runtime version, caveats.</summary>
    public string Notes { get; init; } = string.Empty;

    public double FramesPerSecond => Seconds > 0 ? Frames / Seconds : 0;

    public double AllocatedBytesPerFrame => AllocatedBytes < 0 || Frames == 0 ? -1 : (double)AllocatedBytes / Frames;
}
