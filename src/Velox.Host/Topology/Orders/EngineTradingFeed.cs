using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;

namespace Velox.Host.Topology.Orders;

/// <summary>The trading engine's market-data handler: md's events → books → strategy (a struct so the decoder's calls inline).</summary>
public readonly struct EngineTradingFeed : IMarketDataHandler
{
    private readonly EngineTrading _trading;

    public EngineTradingFeed(EngineTrading trading) => _trading = trading;

    public void OnBookUpdate(in BookUpdate update) => _trading.OnBookUpdate(in update);

    public void OnTrade(in TradeEvent trade) => _trading.OnTrade(in trade);

    public void OnTicker(in TickerEvent ticker) => _trading.Books.OnTicker();

    public void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason) => _trading.OnBookState(instrument, state);
}
