using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;

namespace Velox.Host.Topology.Orders;

/// <summary>The arbitrage engine's market-data handler: md's events → books → strategy (a struct so the decoder's calls inline).</summary>
public readonly struct EngineArbitrageFeed : IMarketDataHandler
{
    private readonly EngineArbitrage _arbitrage;

    public EngineArbitrageFeed(EngineArbitrage arbitrage) => _arbitrage = arbitrage;

    public void OnBookUpdate(in BookUpdate update) => _arbitrage.OnBookUpdate(in update);

    public void OnTrade(in TradeEvent trade) => _arbitrage.OnTrade(in trade);

    public void OnTicker(in TickerEvent ticker) => _arbitrage.Books.OnTicker();

    public void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason) => _arbitrage.OnBookState(instrument, state);
}
