using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Venues.Kraken.Session;

namespace Velox.Venues.Kraken.Connection;

/// <summary>
/// Drives one Kraken v1 public WebSocket for a <see cref="KrakenMarketDataSession"/>: connect, feed frames, send what the
/// session queues, reconnect with backoff (see <see cref="VenueConnector{TMarketData, TSession}"/>).
/// </summary>
public sealed class KrakenConnector<TMarketData> : VenueConnector<TMarketData, KrakenSessionPort<TMarketData>>
    where TMarketData : struct, IMarketDataHandler
{
    public KrakenConnector(
        Uri endpoint, KrakenMarketDataSession session, TMarketData marketData, ReconnectPolicy reconnect,
        WebSocketClientOptions? socketOptions = null, IClock? clock = null)
        : base(endpoint, new KrakenSessionPort<TMarketData>(session), marketData, reconnect, socketOptions, clock)
    {
        Session = session;
    }

    public KrakenMarketDataSession Session { get; }
}
