using Velox.MarketData.Sync;

namespace Velox.Venues.Binance;

/// <summary>Constants of the Binance venues.</summary>
public static class BinanceVenue
{
    /// <summary>Registry venue name of spot instruments.</summary>
    public const string SpotName = "binance";

    /// <summary>Registry venue name of USD-M futures instruments (BTCUSDT spot and perpetual are different instruments).</summary>
    public const string UsdmName = "binance-usdm";

    /// <summary>
    /// Price decimals for symbols not in the registry: spot sends 8 decimals on every price, futures
    /// at most 7 in the shared recordings; 8 holds prices up to 92 billion.
    /// </summary>
    public const int DefaultPriceScale = 8;

    /// <summary>Size decimals for symbols not in the registry: spot sends 8, futures at most 3 in the recordings.</summary>
    public const int DefaultSizeScale = 8;

    /// <summary>Depth requested from the REST snapshot (Binance allows up to 5000; 1000 costs 50 weight on spot, 20 on futures).</summary>
    public const int DefaultSnapshotDepth = 1000;

    /// <summary>Local book depth per side: the snapshot plus room for levels inserted inside its range.</summary>
    public const int DefaultBookLevels = 2000;

    /// <summary>Registry venue name for <paramref name="market"/>.</summary>
    public static string Name(BinanceMarket market) => market == BinanceMarket.Spot ? SpotName : UsdmName;

    /// <summary>The depth-diff bridge rule of <paramref name="market"/>.</summary>
    public static UpdateIdRule SyncRule(BinanceMarket market) => market == BinanceMarket.Spot ? UpdateIdRule.NextId : UpdateIdRule.PreviousId;

    /// <summary>REST base address of <paramref name="market"/>.</summary>
    public static Uri RestBase(BinanceMarket market) =>
        new(market == BinanceMarket.Spot ? "https://api.binance.com/" : "https://fapi.binance.com/");

    /// <summary>Combined-stream WebSocket base of <paramref name="market"/> (append <c>?streams=a/b</c>).</summary>
    public static Uri StreamBase(BinanceMarket market) =>
        new(market == BinanceMarket.Spot ? "wss://stream.binance.com:9443/stream" : "wss://fstream.binance.com/stream");

    /// <summary>Rate-limit weight of a depth snapshot of <paramref name="depth"/> levels.</summary>
    public static int SnapshotWeight(BinanceMarket market, int depth)
    {
        if (market == BinanceMarket.Spot)
        {
            return depth <= 100 ? 5 : depth <= 500 ? 25 : depth <= 1000 ? 50 : 250;
        }

        return depth <= 50 ? 2 : depth <= 100 ? 5 : depth <= 500 ? 10 : 20;
    }
}
