using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Venues.Bybit.Session;

namespace Velox.Venues.Bybit.Connection;

/// <summary>
/// Drives one Bybit v5 public WebSocket (one category) for a <see cref="BybitMarketDataSession"/>: connect, feed frames, send what the
/// session queues, reconnect with backoff (see <see cref="VenueConnector{TMarketData, TSession}"/>).
/// </summary>
public sealed class BybitConnector<TMarketData> : VenueConnector<TMarketData, BybitSessionPort<TMarketData>>
    where TMarketData : struct, IMarketDataHandler
{
    public BybitConnector(
        Uri endpoint, BybitMarketDataSession session, TMarketData marketData, ReconnectPolicy reconnect,
        WebSocketClientOptions? socketOptions = null, IClock? clock = null)
        : base(endpoint, new BybitSessionPort<TMarketData>(session), marketData, reconnect, socketOptions, clock)
    {
        Session = session;
    }

    public BybitMarketDataSession Session { get; }
}
