using Velox.MarketData.Events;
using Velox.MarketData.Outbound;

namespace Velox.MarketData.Feeds;

/// <summary>
/// What a <see cref="VenueConnector{TMarketData, TSession}"/> needs of a venue's market-data session. Implemented by a
/// readonly struct over the session so the connector's per-frame call is specialized, not dispatched.
/// </summary>
public interface IVenueSessionPort<TMarketData>
    where TMarketData : struct, IMarketDataHandler
{
    /// <summary>The session's queue of requests to send.</summary>
    OutboundQueue Outbound { get; }

    /// <summary>A connection is open: the session queues its subscriptions.</summary>
    void OnConnected();

    /// <summary>Feeds one received frame to the session.</summary>
    void ProcessFrame(ReadOnlySpan<byte> payload, long receiveTimestamp, ref TMarketData marketData);
}
