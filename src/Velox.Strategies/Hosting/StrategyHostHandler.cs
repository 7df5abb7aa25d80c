using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Strategies.Execution;
using Velox.Trading.Oms;

namespace Velox.Strategies.Hosting;

/// <summary>
/// A host as a struct handler, for feeds and report streams that take <c>where THandler : struct,
/// IMarketDataHandler</c> / <see cref="IExecutionReportHandler"/>. Tickers are not used by the strategies.
/// </summary>
public readonly struct StrategyHostHandler<TStrategy, TSink> : IMarketDataHandler, IExecutionReportHandler
    where TStrategy : IStrategy
    where TSink : struct, IOrderSink
{
    private readonly StrategyHost<TStrategy, TSink> _host;

    public StrategyHostHandler(StrategyHost<TStrategy, TSink> host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
    }

    public void OnBookUpdate(in BookUpdate update) => _host.OnBookUpdate(update);

    public void OnTrade(in TradeEvent trade) => _host.OnTrade(trade);

    public void OnTicker(in TickerEvent ticker)
    {
    }

    public void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason) => _host.OnBookState(instrument, state);

    public void OnExecutionReport(in ExecutionReport report) => _host.OnExecutionReport(report);
}
