using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.MarketData.Outbound;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Venues.Bybit.Session;

namespace Velox.Venues.Bybit.Connection;

/// <summary>
/// Drives one Bybit v5 public WebSocket (one category) for a <see cref="BybitMarketDataSession"/>: connect, feed frames, send what the
/// session queues, reconnect with backoff (see <see cref="VenueConnector{TMarketData}"/>).
/// </summary>
public sealed class BybitConnector<TMarketData> : VenueConnector<TMarketData>
    where TMarketData : struct, IMarketDataHandler
{
    public BybitConnector(
        Uri endpoint, BybitMarketDataSession session, TMarketData marketData, ReconnectPolicy reconnect,
        WebSocketClientOptions? socketOptions = null, IClock? clock = null)
        : base(endpoint, marketData, reconnect, socketOptions, clock)
    {
        Session = session;
    }

    public BybitMarketDataSession Session { get; }

    protected override OutboundQueue Outbound => Session.Outbound;

    protected override void OnConnected() => Session.OnConnected();

    protected override void ProcessFrame(ReadOnlySpan<byte> payload, long receiveTimestamp, ref TMarketData marketData) =>
        Session.ProcessFrame(payload, receiveTimestamp, ref marketData);
}
