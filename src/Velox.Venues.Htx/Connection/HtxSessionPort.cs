using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.MarketData.Outbound;
using Velox.Venues.Htx.Session;

namespace Velox.Venues.Htx.Connection;

/// <summary>The <see cref="HtxMarketDataSession"/> as its connector sees it (a struct: the per-frame call is not dispatched).</summary>
public readonly struct HtxSessionPort<TMarketData>(HtxMarketDataSession session) : IVenueSessionPort<TMarketData>
    where TMarketData : struct, IMarketDataHandler
{
    public OutboundQueue Outbound => session.Outbound;

    public void OnConnected() => session.OnConnected();

    public void ProcessFrame(ReadOnlySpan<byte> payload, long receiveTimestamp, ref TMarketData marketData) =>
        session.ProcessFrame(payload, receiveTimestamp, ref marketData);
}
