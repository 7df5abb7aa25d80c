using Velox.Venues.Bitfinex.Parsing;

namespace Velox.Venues.Bitfinex.Session;

/// <summary>Counters of a session (single writer: the session thread; read them from the same thread or accept torn reads).</summary>
public sealed class BitfinexSessionStats
{
    private readonly long[] _errors = new long[(int)FrameError.Internal + 1];

    /// <summary>Frames fed to the session.</summary>
    public long Frames { get; internal set; }

    public long Events { get; internal set; }

    public long InfoEvents { get; internal set; }

    public long Heartbeats { get; internal set; }

    public long BookSnapshots { get; internal set; }

    /// <summary>Levels (or raw orders) applied from snapshots.</summary>
    public long SnapshotLevels { get; internal set; }

    /// <summary>Book update frames applied (aggregated and raw books).</summary>
    public long BookUpdates { get; internal set; }

    /// <summary>Book updates dropped because the book was not InSync.</summary>
    public long BookUpdatesIgnored { get; internal set; }

    /// <summary>Deletes of a price the book did not hold.</summary>
    public long DeletesOfMissingLevels { get; internal set; }

    /// <summary>Inserts dropped by the depth limit.</summary>
    public long LevelsBeyondDepth { get; internal set; }

    public long ChecksumFrames { get; internal set; }

    public long ChecksumsVerified { get; internal set; }

    public long ChecksumMismatches { get; internal set; }

    /// <summary>Checksum frames not verified (book not InSync, or raw book).</summary>
    public long ChecksumsSkipped { get; internal set; }

    public long TradeSnapshots { get; internal set; }

    /// <summary>"te" messages: each is one new trade.</summary>
    public long TradesExecuted { get; internal set; }

    /// <summary>"tu" messages: the same trades again with their final id; counted, not re-emitted.</summary>
    public long TradeUpdates { get; internal set; }

    public long Tickers { get; internal set; }

    /// <summary>Ticker values whose binary-float artefact digits were cut to the scale.</summary>
    public long TickerValuesTruncated { get; internal set; }

    /// <summary>Channel frames with a message tag or channel type that is not handled.</summary>
    public long OtherMessages { get; internal set; }

    /// <summary>Sequence numbers checked (SEQ_ALL).</summary>
    public long SequencesChecked { get; internal set; }

    public long SequenceGaps { get; internal set; }

    /// <summary>Book transitions into Resyncing.</summary>
    public long Resyncs { get; internal set; }

    /// <summary>New connections (OnConnected or a repeated info event).</summary>
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
