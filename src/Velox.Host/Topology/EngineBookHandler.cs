using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;

namespace Velox.Host.Topology;

/// <summary>Feeds decoded market-data events into <see cref="EngineBooks"/> (a struct so the decoder's calls inline).</summary>
public readonly struct EngineBookHandler : IMarketDataHandler
{
    private readonly EngineBooks _books;

    public EngineBookHandler(EngineBooks books) => _books = books;

    public void OnBookUpdate(in BookUpdate update) => _books.OnBookUpdate(in update);

    public void OnTrade(in TradeEvent trade) => _books.OnTrade(in trade);

    public void OnTicker(in TickerEvent ticker) => _books.OnTicker();

    public void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason) => _books.OnBookState(instrument, state);
}
