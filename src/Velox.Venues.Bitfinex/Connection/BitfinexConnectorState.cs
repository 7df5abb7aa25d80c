namespace Velox.Venues.Bitfinex.Connection;

/// <summary>Where a <see cref="BitfinexConnector{TMarketData}"/> stands with its WebSocket.</summary>
public enum BitfinexConnectorState : byte
{
    /// <summary>Not connected; the next DoWork connects (or waits for the backoff delay to pass).</summary>
    Disconnected = 0,

    /// <summary>WebSocket open; frames flow into the session.</summary>
    Connected,

    /// <summary>Stopped by the owner; no reconnects.</summary>
    Stopped,
}
