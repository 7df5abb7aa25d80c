using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.MarketData.Outbound;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Venues.Kraken.Session;

namespace Velox.Venues.Kraken.Connection;

/// <summary>
/// Drives one Kraken v1 public WebSocket for a <see cref="KrakenMarketDataSession"/>: connect, feed frames, send what the
/// session queues, reconnect with backoff (see <see cref="VenueConnector{TMarketData}"/>).
/// </summary>
public sealed class KrakenConnector<TMarketData> : VenueConnector<TMarketData>
    where TMarketData : struct, IMarketDataHandler
{
    public KrakenConnector(
        Uri endpoint, KrakenMarketDataSession session, TMarketData marketData, ReconnectPolicy reconnect,
        WebSocketClientOptions? socketOptions = null, IClock? clock = null)
        : base(endpoint, marketData, reconnect, socketOptions, clock)
    {
        Session = session;
    }

    public KrakenMarketDataSession Session { get; }

    protected override OutboundQueue Outbound => Session.Outbound;

    protected override void OnConnected() => Session.OnConnected();

    protected override void ProcessFrame(ReadOnlySpan<byte> payload, long receiveTimestamp, ref TMarketData marketData) =>
        Session.ProcessFrame(payload, receiveTimestamp, ref marketData);
}
