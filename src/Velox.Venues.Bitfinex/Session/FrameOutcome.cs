namespace Velox.Venues.Bitfinex.Session;

/// <summary>What one frame turned out to be.</summary>
public enum FrameOutcome : byte
{
    /// <summary>Rejected: see <see cref="BitfinexMarketDataSession.LastError"/> and the error counters.</summary>
    Error = 0,

    Event,
    Heartbeat,
    BookSnapshot,
    BookUpdate,
    Checksum,
    Trades,
    Ticker,

    /// <summary>Well-formed but not applied (book resyncing, unhandled channel or tag, duplicate trade update).</summary>
    Ignored,

    /// <summary>An account-channel (chanId 0) message, handed to the attached account channel.</summary>
    Account,
}
