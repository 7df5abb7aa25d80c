using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Venues.Okx.Session;

namespace Velox.Venues.Okx.Connection;

/// <summary>
/// Drives one OKX v5 public WebSocket for a <see cref="OkxMarketDataSession"/>: connect, feed frames, send what the
/// session queues, reconnect with backoff (see <see cref="VenueConnector{TMarketData, TSession}"/>).
/// </summary>
public sealed class OkxConnector<TMarketData> : VenueConnector<TMarketData, OkxSessionPort<TMarketData>>
    where TMarketData : struct, IMarketDataHandler
{
    public OkxConnector(
        Uri endpoint, OkxMarketDataSession session, TMarketData marketData, ReconnectPolicy reconnect,
        WebSocketClientOptions? socketOptions = null, IClock? clock = null)
        : base(endpoint, new OkxSessionPort<TMarketData>(session), marketData, reconnect, socketOptions, clock)
    {
        Session = session;
    }

    public OkxMarketDataSession Session { get; }
}
