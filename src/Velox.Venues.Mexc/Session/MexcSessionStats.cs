using Velox.MarketData.Feeds;

namespace Velox.Venues.Mexc.Session;

/// <summary>Counters of a session (single writer: the session thread; read them from the same thread or accept torn reads).</summary>
public sealed class MexcSessionStats
{
    private readonly long[] _errors = new long[(int)FeedError.Internal + 1];

    /// <summary>Frames fed to the session.</summary>
    public long Frames { get; internal set; }

    /// <summary>Depth pushes applied to an InSync book (including buffered pushes replayed after a snapshot).</summary>
    public long DepthUpdates { get; internal set; }

    /// <summary>Depth pushes dropped as already contained in the snapshot (or duplicates).</summary>
    public long DepthStale { get; internal set; }

    /// <summary>Depth pushes held while a book awaited its snapshot.</summary>
    public long DepthBuffered { get; internal set; }

    /// <summary>Version continuity breaks (also a snapshot no buffered push bridges).</summary>
    public long Gaps { get; internal set; }

    /// <summary>Book transitions into Resyncing.</summary>
    public long Resyncs { get; internal set; }

    public long Snapshots { get; internal set; }

    /// <summary>Snapshot requests taken by the owner.</summary>
    public long SnapshotRequests { get; internal set; }

    public long Trades { get; internal set; }

    /// <summary>Subscription replies and pongs.</summary>
    public long Replies { get; internal set; }

    /// <summary>Well-formed pushes of a channel the session does not handle.</summary>
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
