namespace Velox.Venues.Binance;

/// <summary>Which Binance market a connection serves; it decides the depth sync rule and the endpoints.</summary>
public enum BinanceMarket : byte
{
    /// <summary>Spot (stream.binance.com, api.binance.com): diffs carry U/u.</summary>
    Spot = 0,

    /// <summary>USD-M futures (fstream.binance.com, fapi.binance.com): diffs add pu (previous u).</summary>
    UsdmFutures,
}
