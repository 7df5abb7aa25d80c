using Velox.Venues.Htx.Parsing;

namespace Velox.Venues.Htx.Session;

/// <summary>Counters of a session (single writer: the session thread).</summary>
public sealed class HtxSessionStats
{
    private readonly long[] _errors = new long[(int)FrameError.Internal + 1];

    /// <summary>Frames fed to the session.</summary>
    public long Frames { get; internal set; }

    /// <summary>Frames that were gzip members and inflated.</summary>
    public long FramesInflated { get; internal set; }

    /// <summary>Decompressed bytes.</summary>
    public long InflatedBytes { get; internal set; }

    public long Pings { get; internal set; }

    /// <summary>Pongs placed in the outbound queue.</summary>
    public long PongsQueued { get; internal set; }

    /// <summary>sub/unsub acknowledgements with status ok.</summary>
    public long Acks { get; internal set; }

    /// <summary>depth.step0 pushes applied (each one a full book).</summary>
    public long DepthSnapshots { get; internal set; }

    /// <summary>Levels applied from depth pushes.</summary>
    public long SnapshotLevels { get; internal set; }

    /// <summary>Depth pushes dropped because their version was not newer.</summary>
    public long StaleVersions { get; internal set; }

    public long TradeFrames { get; internal set; }

    public long Trades { get; internal set; }

    /// <summary>Trade pushes whose oldest trade id did not follow the previous push's newest (ids are consecutive per symbol).</summary>
    public long TradeIdGaps { get; internal set; }

    /// <summary>Sizes whose binary-double noise past the size scale was cut.</summary>
    public long SizesTruncated { get; internal set; }

    /// <summary>Book transitions into Resyncing.</summary>
    public long Resyncs { get; internal set; }

    public long Connections { get; internal set; }

    /// <summary>Messages placed in the outbound queue (pongs and subs).</summary>
    public long RequestsQueued { get; internal set; }

    /// <summary>All rejected frames or parts.</summary>
    public long Errors { get; internal set; }

    /// <summary>Rejections for one reason.</summary>
    public long ErrorsFor(FrameError reason) => _errors[(int)reason];

    internal void CountError(FrameError reason)
    {
        _errors[(int)reason]++;
        Errors++;
    }
}
