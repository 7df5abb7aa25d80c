using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// og's public-channel handler: og subscribes the traded instrument's trades on its own connection only because the
/// simulator runs a synthetic market per connection and fills resting orders from it; the events are counted, not used.
/// </summary>
public struct OgMarketFeed : IMarketDataHandler
{
    /// <summary>Public events received on og's connection.</summary>
    public long Events { get; private set; }

    public void OnBookUpdate(in BookUpdate update) => Events++;

    public void OnTrade(in TradeEvent trade) => Events++;

    public void OnTicker(in TickerEvent ticker) => Events++;

    public void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason) => Events++;
}
