namespace Velox.Venues.Htx.Session;

/// <summary>What one frame turned out to be.</summary>
public enum FrameOutcome : byte
{
    /// <summary>Rejected: see <see cref="HtxMarketDataSession.LastError"/> and the error counters.</summary>
    Error = 0,

    /// <summary>A ping (a pong was queued).</summary>
    Ping,

    /// <summary>A sub/unsub acknowledgement.</summary>
    Ack,

    /// <summary>A depth push: the book was replaced.</summary>
    BookSnapshot,

    Trades,
}
