namespace Velox.Venues.Coinbase.Session;

/// <summary>What one frame turned out to be.</summary>
public enum FrameOutcome : byte
{
    /// <summary>Rejected: see <see cref="CoinbaseMarketDataSession.LastError"/> and the error counters.</summary>
    Error = 0,

    /// <summary>subscriptions, heartbeat.</summary>
    Event,
    BookSnapshot,
    BookUpdate,
    Trade,
    Ticker,

    /// <summary>Well-formed but not applied (book not in sync, unhandled type).</summary>
    Ignored,
}
