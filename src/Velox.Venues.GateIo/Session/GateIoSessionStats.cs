using Velox.MarketData.Feeds;

namespace Velox.Venues.GateIo.Session;

/// <summary>Counters of a session (single writer: the session thread).</summary>
public sealed class GateIoSessionStats
{
    private readonly long[] _errors = new long[(int)FeedError.Internal + 1];

    /// <summary>Frames fed to the session.</summary>
    public long Frames { get; internal set; }

    /// <summary>Book diffs applied (including buffered diffs replayed after a snapshot).</summary>
    public long BookUpdates { get; internal set; }

    /// <summary>Book diffs dropped as already contained in the snapshot.</summary>
    public long BookStale { get; internal set; }

    /// <summary>Book diffs held while a book awaited its snapshot.</summary>
    public long BookBuffered { get; internal set; }

    /// <summary>Update-id continuity breaks (also a snapshot no buffered diff bridges).</summary>
    public long Gaps { get; internal set; }

    /// <summary>Book transitions into Resyncing.</summary>
    public long Resyncs { get; internal set; }

    public long Snapshots { get; internal set; }

    public long SnapshotLevels { get; internal set; }

    /// <summary>Snapshot requests taken by the owner.</summary>
    public long SnapshotRequests { get; internal set; }

    public long Trades { get; internal set; }

    public long Tickers { get; internal set; }

    public long Candlesticks { get; internal set; }

    /// <summary>Subscribe/unsubscribe acknowledgements and pongs.</summary>
    public long Replies { get; internal set; }

    /// <summary>Well-formed frames of a channel or event the session does not handle.</summary>
    public long OtherMessages { get; internal set; }

    /// <summary>Messages placed in the outbound queue.</summary>
    public long RequestsQueued { get; internal set; }

    /// <summary>All rejected frames or parts.</summary>
    public long Errors { get; internal set; }

    /// <summary>Rejections for one reason.</summary>
    public long ErrorsFor(FeedError reason) => _errors[(int)reason];

    internal void CountError(FeedError reason)
    {
        _errors[(int)reason]++;
        Errors++;
    }
}
