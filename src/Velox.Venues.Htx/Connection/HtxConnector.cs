using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Venues.Htx.Session;

namespace Velox.Venues.Htx.Connection;

/// <summary>
/// Drives one HTX spot public WebSocket for a <see cref="HtxMarketDataSession"/>: connect, feed every (gzip) frame,
/// send what the session queues — its subscriptions and the <c>{"pong":N}</c> answering each server ping, which
/// keeps HTX from closing the connection — and reconnect with backoff (see <see cref="VenueConnector{TMarketData, TSession}"/>).
/// </summary>
public sealed class HtxConnector<TMarketData> : VenueConnector<TMarketData, HtxSessionPort<TMarketData>>
    where TMarketData : struct, IMarketDataHandler
{
    public HtxConnector(
        Uri endpoint, HtxMarketDataSession session, TMarketData marketData, ReconnectPolicy reconnect,
        WebSocketClientOptions? socketOptions = null, IClock? clock = null)
        : base(endpoint, new HtxSessionPort<TMarketData>(session), marketData, reconnect, socketOptions, clock)
    {
        Session = session;
    }

    public HtxMarketDataSession Session { get; }
}
