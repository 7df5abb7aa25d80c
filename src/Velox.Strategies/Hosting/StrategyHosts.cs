using Velox.Core.Instruments;
using Velox.Core.Time;
using Velox.Strategies.Arbitrage;
using Velox.Strategies.Execution;
using Velox.Strategies.MarketMaking;
using Velox.Trading;

namespace Velox.Strategies.Hosting;

/// <summary>
/// Construction from a parameters record (cold path): an order router over the engine, the market view and the
/// sink, the strategy on it, and the host. Parameters are validated; a bad one throws naming the field.
/// </summary>
public static class StrategyHosts
{
    /// <summary>A market maker host; <paramref name="sink"/> decides the mode (e.g. <see cref="DryRunSink"/>).</summary>
    public static StrategyHost<MarketMaker<TSink>, TSink> MarketMaker<TSink>(
        MarketMakerParameters parameters, TradingEngine engine, MarketView market, TSink sink, IClock clock)
        where TSink : struct, IOrderSink
    {
        var router = new OrderRouter<TSink>(engine, market, sink);
        return new StrategyHost<MarketMaker<TSink>, TSink>(new MarketMaker<TSink>(parameters, router, clock), router);
    }

    /// <summary>A cross-venue arbitrage host.</summary>
    public static StrategyHost<CrossVenueArbitrage<TSink>, TSink> Arbitrage<TSink>(
        ArbitrageParameters parameters, InstrumentRegistry instruments, TradingEngine engine, MarketView market, TSink sink, IClock clock)
        where TSink : struct, IOrderSink
    {
        var router = new OrderRouter<TSink>(engine, market, sink);
        return new StrategyHost<CrossVenueArbitrage<TSink>, TSink>(new CrossVenueArbitrage<TSink>(parameters, instruments, router, clock), router);
    }
}
