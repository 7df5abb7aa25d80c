using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Mexc.Session;
using Velox.Venues.Mexc.Tests.Protobuf;

namespace Velox.Venues.Mexc.Tests.Session;

/// <summary>Hand-built messages following the published MEXC layouts (no recording exists).</summary>
internal static class MexcMessages
{
    public static MexcMarketDataSession NewSession(MexcMarket market = MexcMarket.Spot, bool keep = true) =>
        new(new InstrumentRegistry(), new MexcSessionOptions { Market = market, KeepLevelsBeyondSnapshot = keep, BookLevels = 1000 });

    /// <summary>PushDataV3ApiWrapper { channel = 1; symbol = 3; sendTime = 6; publicAggreDepths = 313 { asks = 1; bids = 2; eventType = 3; fromVersion = 4; toVersion = 5 } }.</summary>
    public static byte[] SpotDepth(long from, long to, (string P, string Q)[]? bids = null, (string P, string Q)[]? asks = null, string symbol = "BTCUSDT")
    {
        var body = new ProtoWriter();
        foreach (var (p, q) in asks ?? [])
        {
            body.Message(1, new ProtoWriter().String(1, p).String(2, q));
        }

        foreach (var (p, q) in bids ?? [("100.00", "1.5")])
        {
            body.Message(2, new ProtoWriter().String(1, p).String(2, q));
        }

        body.String(3, "spot@public.aggre.depth.v3.api.pb@100ms").String(4, from.ToString()).String(5, to.ToString()).Varint(6, 1736411507000);
        return new ProtoWriter()
            .String(1, "spot@public.aggre.depth.v3.api.pb@100ms@" + symbol)
            .Message(313, body)
            .String(3, symbol)
            .String(4, "c5b5da2b1dc94a4a8d0f2e1c3b4a5d6e")
            .Varint(5, 1736411507002)
            .Varint(6, 1736411507004)
            .ToArray();
    }

    /// <summary>publicIncreaseDepths = 302 { asks = 1; bids = 2; eventType = 3; version = 4 }, symbol only in the channel.</summary>
    public static byte[] SpotIncreaseDepth(long version, string symbol = "BTCUSDT")
    {
        var body = new ProtoWriter()
            .Message(1, new ProtoWriter().String(1, "101.00").String(2, "0"))
            .String(3, "spot@public.increase.depth.v3.api.pb")
            .String(4, version.ToString());
        return new ProtoWriter().String(1, "spot@public.increase.depth.v3.api.pb@" + symbol).Message(302, body).Varint(6, 1).ToArray();
    }

    /// <summary>publicAggreDeals = 314 { deals = 1 { price = 1; quantity = 2; tradeType = 3; time = 4 }; eventType = 2 }.</summary>
    public static byte[] SpotDeals(string symbol = "BTCUSDT", params (string P, string Q, int Type)[] deals)
    {
        var body = new ProtoWriter();
        foreach (var (p, q, type) in deals)
        {
            body.Message(1, new ProtoWriter().String(1, p).String(2, q).Varint(3, (ulong)type).Varint(4, 1736417034332));
        }

        body.String(2, "spot@public.aggre.deals.v3.api.pb@100ms");
        return new ProtoWriter().String(1, "spot@public.aggre.deals.v3.api.pb@100ms@" + symbol).Message(314, body).String(3, symbol).Varint(6, 1).ToArray();
    }

    public static byte[] SpotSnapshot(long id) =>
        Encoding.UTF8.GetBytes($"{{\"lastUpdateId\":{id},\"bids\":[[\"100.00\",\"2\"],[\"99.00\",\"3\"]],\"asks\":[[\"101.00\",\"4\"],[\"102.00\",\"5\"]]}}");

    public static byte[] FuturesDepth(long version, string bids = "[[100.5,20,1]]", string asks = "[]", string symbol = "BTC_USDT") =>
        Encoding.UTF8.GetBytes($"{{\"channel\":\"push.depth\",\"data\":{{\"asks\":{asks},\"bids\":{bids},\"version\":{version}}},\"symbol\":\"{symbol}\",\"ts\":1587442022003}}");

    public static byte[] FuturesSnapshot(long version) =>
        Encoding.UTF8.GetBytes($"{{\"success\":true,\"code\":0,\"data\":{{\"asks\":[[101,10,1],[102,5,2]],\"bids\":[[100,7,1],[99,3,1]],\"version\":{version},\"timestamp\":1587442022003}}}}");
}

/// <summary>Records normalized events (allocates; tests only).</summary>
internal struct Recorder : IMarketDataHandler
{
    public List<BookUpdate> Updates;
    public List<TradeEvent> Trades;
    public List<(BookSyncState State, ResyncReason Reason)> States;

    public static Recorder Create() => new() { Updates = [], Trades = [], States = [] };

    public readonly void OnBookUpdate(in BookUpdate update) => Updates.Add(update);

    public readonly void OnTrade(in TradeEvent trade) => Trades.Add(trade);

    public readonly void OnTicker(in TickerEvent ticker)
    {
    }

    public readonly void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason) => States.Add((state, reason));
}
