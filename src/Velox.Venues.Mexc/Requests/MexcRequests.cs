using Velox.MarketData.Outbound;

namespace Velox.Venues.Mexc.Requests;

/// <summary>
/// Builders of the outbound JSON messages (written into a caller buffer, no allocation) and the REST
/// snapshot paths. Layouts from the MEXC spot v3 and contract docs; NOT verified on real traffic.
/// </summary>
public static class MexcRequests
{
    /// <summary>Upper bound of any message built here with a symbol of up to 32 bytes.</summary>
    public const int MaxLength = 160;

    /// <summary>Spot aggregated depth channel prefix; the interval (<c>100ms</c>/<c>10ms</c>) and symbol follow.</summary>
    public static ReadOnlySpan<byte> SpotDepthChannel => "spot@public.aggre.depth.v3.api.pb@"u8;

    /// <summary>Spot aggregated deals channel prefix; the interval and symbol follow.</summary>
    public static ReadOnlySpan<byte> SpotDealsChannel => "spot@public.aggre.deals.v3.api.pb@"u8;

    /// <summary><c>{"method":"SUBSCRIPTION","params":["spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT"]}</c> (or deals).</summary>
    public static bool TryWriteSpotSubscribe(Span<byte> destination, ReadOnlySpan<byte> symbol, bool depth, bool fastInterval, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append("{\"method\":\"SUBSCRIPTION\",\"params\":[\""u8);
        w.Append(depth ? SpotDepthChannel : SpotDealsChannel);
        w.Append(fastInterval ? "10ms@"u8 : "100ms@"u8);
        w.Append(symbol);
        w.Append("\"]}"u8);
        return w.Finish(out written);
    }

    /// <summary><c>{"method":"sub.depth","param":{"symbol":"BTC_USDT"}}</c> (or <c>sub.deal</c>).</summary>
    public static bool TryWriteFuturesSubscribe(Span<byte> destination, ReadOnlySpan<byte> symbol, bool depth, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append(depth ? "{\"method\":\"sub.depth\",\"param\":{\"symbol\":\""u8 : "{\"method\":\"sub.deal\",\"param\":{\"symbol\":\""u8);
        w.Append(symbol);
        w.Append("\"}}"u8);
        return w.Finish(out written);
    }

    /// <summary>Keep-alive: spot <c>{"method":"PING"}</c>, futures <c>{"method":"ping"}</c>.</summary>
    public static ReadOnlySpan<byte> Ping(MexcMarket market) =>
        market == MexcMarket.Spot ? "{\"method\":\"PING\"}"u8 : "{\"method\":\"ping\"}"u8;

    /// <summary>REST path of a depth snapshot (cold path): spot <c>/api/v3/depth</c>, futures <c>/api/v1/contract/depth/{symbol}</c>.</summary>
    public static string DepthSnapshotPath(MexcMarket market, string symbol, int limit) =>
        market == MexcMarket.Spot
            ? $"/api/v3/depth?symbol={symbol}&limit={limit}"
            : $"/api/v1/contract/depth/{symbol}?limit={limit}";
}
