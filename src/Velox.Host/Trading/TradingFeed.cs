using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Strategies.Execution;

namespace Velox.Host.Trading;

/// <summary>
/// The connector's market-data handler in a trading run: book and trades → strategy, armed for tick-to-trade. Book
/// updates are conflated per socket read: the desk keeps the latest and the strategy decides once every frame of
/// the read is applied (<see cref="TradingDesk{TSink}.DecidePending"/>), on the newest book, instead of once per
/// frame on states the frames behind it already replaced.
/// </summary>
public readonly struct TradingFeed<TSink> : IMarketDataHandler
    where TSink : struct, IOrderSink
{
    private readonly TradingDesk<TSink> _desk;

    public TradingFeed(TradingDesk<TSink> desk)
    {
        ArgumentNullException.ThrowIfNull(desk);
        _desk = desk;
    }

    public void OnBookUpdate(in BookUpdate update)
    {
        if (!_desk.Running)
        {
            return;
        }

        _desk.DeferBookUpdate(update);
    }

    public void OnTrade(in TradeEvent trade)
    {
        if (!_desk.Running)
        {
            return;
        }

        _desk.TickToTrade.Arm(trade.ReceiveNanos);
        _desk.Host.OnTrade(trade);
        _desk.TickToTrade.Disarm();
    }

    public void OnTicker(in TickerEvent ticker)
    {
    }

    public void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason)
    {
        _desk.AttachBook(instrument);
        if (_desk.Running)
        {
            _desk.Host.OnBookState(instrument, state);
        }
    }
}
