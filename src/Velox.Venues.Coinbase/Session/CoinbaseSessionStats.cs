using Velox.Venues.Coinbase.Parsing;

namespace Velox.Venues.Coinbase.Session;

/// <summary>Counters of a session (single writer: the session thread; read them from the same thread or accept torn reads).</summary>
public sealed class CoinbaseSessionStats
{
    private readonly long[] _errors = new long[(int)FrameError.Internal + 1];

    /// <summary>Frames fed to the session.</summary>
    public long Frames { get; internal set; }

    /// <summary>subscriptions messages.</summary>
    public long SubscriptionEvents { get; internal set; }

    public long Heartbeats { get; internal set; }

    public long BookSnapshots { get; internal set; }

    /// <summary>Levels applied from snapshots.</summary>
    public long SnapshotLevels { get; internal set; }

    /// <summary>
    /// l2update messages applied. Level2 carries neither a sequence nor a checksum: these updates are
    /// trusted as they come; only a delete of an unknown level or a crossed book reveals a loss.
    /// </summary>
    public long BookUpdates { get; internal set; }

    /// <summary>Level changes inside the applied l2update messages.</summary>
    public long LevelChanges { get; internal set; }

    /// <summary>l2update messages dropped because the book was not InSync.</summary>
    public long BookUpdatesIgnored { get; internal set; }

    /// <summary>Inserts dropped by the depth limit.</summary>
    public long LevelsBeyondDepth { get; internal set; }

    /// <summary>Deletes of a price the book did not hold (beyond the depth limit these are normal and not counted).</summary>
    public long DeletesOfMissingLevels { get; internal set; }

    /// <summary>Books whose best bid reached the best ask after an update.</summary>
    public long CrossedBooks { get; internal set; }

    /// <summary>Lost level2 updates detected (missing-level deletes and crossed books): each triggers a resync.</summary>
    public long BookGaps { get; internal set; }

    public long Tickers { get; internal set; }

    public long Matches { get; internal set; }

    public long LastMatches { get; internal set; }

    /// <summary>Matches whose trade id was not the previous one + 1 for the product.</summary>
    public long TradeIdGaps { get; internal set; }

    /// <summary>Book transitions into Resyncing.</summary>
    public long Resyncs { get; internal set; }

    /// <summary>New connections (OnConnected).</summary>
    public long Connections { get; internal set; }

    /// <summary>Messages placed in the outbound queue.</summary>
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
