using Velox.Core.Instruments;
using Velox.MarketData.Sync;

namespace Velox.MarketData.Events;

/// <summary>A handler that ignores everything (books and counters are still maintained by the caller).</summary>
public struct NullMarketDataHandler : IMarketDataHandler
{
    public readonly void OnBookUpdate(in BookUpdate update)
    {
    }

    public readonly void OnTrade(in TradeEvent trade)
    {
    }

    public readonly void OnTicker(in TickerEvent ticker)
    {
    }

    public readonly void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason)
    {
    }
}
