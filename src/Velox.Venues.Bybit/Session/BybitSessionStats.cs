using Velox.Venues.Bybit.Parsing;

namespace Velox.Venues.Bybit.Session;

/// <summary>Counters of a session (single writer: the session thread).</summary>
public sealed class BybitSessionStats
{
    private readonly long[] _errors = new long[(int)FrameError.Internal + 1];

    /// <summary>Frames fed to the session.</summary>
    public long Frames { get; internal set; }

    /// <summary>Successful request replies (subscribe acks).</summary>
    public long Replies { get; internal set; }

    public long Pongs { get; internal set; }

    public long BookSnapshots { get; internal set; }

    /// <summary>Book delta messages applied.</summary>
    public long BookDeltas { get; internal set; }

    /// <summary>Book deltas dropped because the book was not InSync.</summary>
    public long BookDeltasIgnored { get; internal set; }

    /// <summary>Snapshots with <c>u</c> = 1 that replaced a built book (venue service restart).</summary>
    public long ServiceRestarts { get; internal set; }

    /// <summary>Levels applied from snapshots.</summary>
    public long SnapshotLevels { get; internal set; }

    /// <summary>Levels applied from deltas.</summary>
    public long DeltaLevels { get; internal set; }

    /// <summary>Deletes of a price the book did not hold.</summary>
    public long DeletesOfMissingLevels { get; internal set; }

    /// <summary>Inserts dropped by the local depth limit.</summary>
    public long LevelsBeyondDepth { get; internal set; }

    /// <summary>Deltas whose <c>u</c> was checked against the previous message.</summary>
    public long UpdateIdsChecked { get; internal set; }

    /// <summary><c>u</c> not equal to the previous <c>u</c> + 1.</summary>
    public long UpdateIdGaps { get; internal set; }

    /// <summary>Trade data messages.</summary>
    public long TradeMessages { get; internal set; }

    /// <summary>Trades emitted.</summary>
    public long Trades { get; internal set; }

    public long TickerSnapshots { get; internal set; }

    public long TickerDeltas { get; internal set; }

    /// <summary>Kline frames (counted, not parsed).</summary>
    public long KlineFrames { get; internal set; }

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
