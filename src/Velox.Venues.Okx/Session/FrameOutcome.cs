namespace Velox.Venues.Okx.Session;

/// <summary>What one frame turned out to be.</summary>
public enum FrameOutcome : byte
{
    /// <summary>Rejected: see <see cref="OkxMarketDataSession.LastError"/> and the error counters.</summary>
    Error = 0,

    Event,
    Pong,
    BookSnapshot,
    BookUpdate,
    Trades,
    Ticker,

    /// <summary>Well-formed but not applied (book resyncing).</summary>
    Ignored,
}
