namespace Velox.Host.Trading;

/// <summary>`velox run --strategy`: which strategy trades (none: market data only).</summary>
public enum TradingStrategy : byte
{
    None = 0,

    /// <summary>`mm`: the market maker on one instrument.</summary>
    MarketMaker,

    /// <summary>`arb`: cross-venue arbitrage between Bitfinex and Binance.</summary>
    Arbitrage,
}
