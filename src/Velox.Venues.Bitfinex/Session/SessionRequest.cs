namespace Velox.Venues.Bitfinex.Session;

/// <summary>What the session asks of its owner (the transport), beyond queued outbound messages.</summary>
[Flags]
public enum SessionRequest : byte
{
    None = 0,

    /// <summary>Reconnect (info 20051: server restart).</summary>
    Reconnect = 1,

    /// <summary>
    /// All books are Resyncing after a per-connection sequence gap: either call
    /// <see cref="BitfinexMarketDataSession.ResubscribeAll"/> or reconnect.
    /// </summary>
    Resync = 2,

    /// <summary>Maintenance started (info 20060): books are paused; keep the socket, expect 20061.</summary>
    Pause = 4,

    /// <summary>A second info event arrived on the stream: the peer saw a new connection; state was reset.</summary>
    NewConnectionDetected = 8,
}
