using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Venues.Coinbase.Session;

namespace Velox.Venues.Coinbase.Connection;

/// <summary>
/// Drives one Coinbase ws-feed WebSocket for a <see cref="CoinbaseMarketDataSession"/>: connect, feed frames, send the
/// subscribes (and the unsubscribe + subscribe of a level2 resync) it queues, reconnect with backoff
/// (see <see cref="VenueConnector{TMarketData, TSession}"/>). Books need no REST: level2 starts with a snapshot.
/// </summary>
public sealed class CoinbaseConnector<TMarketData> : VenueConnector<TMarketData, CoinbaseSessionPort<TMarketData>>
    where TMarketData : struct, IMarketDataHandler
{
    public CoinbaseConnector(
        Uri endpoint, CoinbaseMarketDataSession session, TMarketData marketData, ReconnectPolicy reconnect,
        WebSocketClientOptions? socketOptions = null, IClock? clock = null)
        : base(endpoint, new CoinbaseSessionPort<TMarketData>(session), marketData, reconnect, socketOptions, clock)
    {
        Session = session;
    }

    public CoinbaseMarketDataSession Session { get; }
}
