using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Strategies.Execution;

namespace Velox.Host.Trading.Arbitrage;

/// <summary>Both connectors' market-data handler in an arbitrage run: books → market view, and while trading → the desk, which lets the strategy decide once the connector's turn applied whole frames.</summary>
public readonly struct ArbitrageFeed<TSink> : IMarketDataHandler
    where TSink : struct, IOrderSink
{
    private readonly ArbitrageDesk<TSink> _desk;

    public ArbitrageFeed(ArbitrageDesk<TSink> desk)
    {
        ArgumentNullException.ThrowIfNull(desk);
        _desk = desk;
    }

    public void OnBookUpdate(in BookUpdate update)
    {
        _desk.AttachBooks();
        if (!_desk.Trading)
        {
            _desk.Host.Market.OnBookUpdate(update);
            return;
        }

        _desk.Defer(update);
    }

    public void OnTrade(in TradeEvent trade)
    {
        if (_desk.Trading)
        {
            _desk.Host.OnTrade(trade);
        }
    }

    public void OnTicker(in TickerEvent ticker)
    {
    }

    public void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason)
    {
        _desk.AttachBooks();
        if (_desk.Trading)
        {
            _desk.Host.OnBookState(instrument, state);
        }
        else
        {
            _desk.Host.Market.OnBookState(instrument, state);
        }
    }
}
