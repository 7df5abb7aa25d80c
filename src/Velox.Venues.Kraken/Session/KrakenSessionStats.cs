using Velox.Venues.Kraken.Parsing;

namespace Velox.Venues.Kraken.Session;

/// <summary>Counters of a session (single writer: the session thread).</summary>
public sealed class KrakenSessionStats
{
    private readonly long[] _errors = new long[(int)FrameError.Internal + 1];

    /// <summary>Frames fed to the session.</summary>
    public long Frames { get; internal set; }

    public long Events { get; internal set; }

    public long Pongs { get; internal set; }

    public long Heartbeats { get; internal set; }

    /// <summary>systemStatus events.</summary>
    public long SystemStatus { get; internal set; }

    public long BookSnapshots { get; internal set; }

    /// <summary>Book update messages applied.</summary>
    public long BookUpdates { get; internal set; }

    /// <summary>Book messages dropped because the book was not InSync.</summary>
    public long BookUpdatesIgnored { get; internal set; }

    /// <summary>Levels applied from snapshots.</summary>
    public long SnapshotLevels { get; internal set; }

    /// <summary>Levels applied from updates.</summary>
    public long UpdateLevels { get; internal set; }

    /// <summary>Deletes of a price the book did not hold.</summary>
    public long DeletesOfMissingLevels { get; internal set; }

    /// <summary>Inserts dropped by the local depth limit.</summary>
    public long LevelsBeyondDepth { get; internal set; }

    public long ChecksumsVerified { get; internal set; }

    public long ChecksumMismatches { get; internal set; }

    /// <summary>Book update messages without a checksum field.</summary>
    public long ChecksumsAbsent { get; internal set; }

    /// <summary>Levels marked "r": re-sent because they came back into the subscribed depth.</summary>
    public long RepublishedLevels { get; internal set; }

    /// <summary>Levels removed by truncating a book to its subscribed depth.</summary>
    public long LevelsTruncated { get; internal set; }

    /// <summary>Trade data messages.</summary>
    public long TradeMessages { get; internal set; }

    /// <summary>Trades emitted.</summary>
    public long Trades { get; internal set; }

    public long Tickers { get; internal set; }

    /// <summary>Book transitions into Resyncing.</summary>
    public long Resyncs { get; internal set; }

    /// <summary>New connections (OnConnected).</summary>
    public long Connections { get; internal set; }

    /// <summary>Messages placed in the outbound queue.</summary>
    public long RequestsQueued { get; internal set; }

    /// <summary>All rejected frames.</summary>
    public long Errors { get; internal set; }

    /// <summary>Rejections for one reason.</summary>
    public long ErrorsFor(FrameError reason) => _errors[(int)reason];

    internal void CountError(FrameError reason)
    {
        _errors[(int)reason]++;
        Errors++;
    }
}
