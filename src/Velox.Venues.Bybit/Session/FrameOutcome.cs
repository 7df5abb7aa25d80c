namespace Velox.Venues.Bybit.Session;

/// <summary>What one frame turned out to be.</summary>
public enum FrameOutcome : byte
{
    /// <summary>Rejected: see <see cref="BybitMarketDataSession.LastError"/> and the error counters.</summary>
    Error = 0,

    /// <summary>A successful request reply (subscribe/unsubscribe ack).</summary>
    Reply,

    Pong,
    BookSnapshot,
    BookDelta,
    Trades,
    Ticker,

    /// <summary>A kline frame: recorded feeds carry it; counted, not parsed.</summary>
    Kline,

    /// <summary>Well-formed but not applied (book resyncing or awaiting its snapshot).</summary>
    Ignored,
}
