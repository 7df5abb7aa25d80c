using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.Strategies.Execution;
using Velox.Strategies.Hosting;
using Velox.Strategies.MarketMaking;
using Velox.Trading.Oms;
using Velox.Venues.Bitfinex.Channels;

namespace Velox.Host.Trading;

/// <summary>
/// The strategy side of one trading run, shared by the connector's handler and the report paths: the host,
/// its book, tick-to-trade and the report counters. While <see cref="Running"/> is false (shutdown) market
/// data and reports no longer reach the strategy; reports still reach the engine.
/// </summary>
public sealed class TradingDesk<TSink> : IReportListener
    where TSink : struct, IOrderSink
{
    private readonly BitfinexSubscription _book;
    private BookUpdate _pending;
    private bool _hasPending;

    public TradingDesk(StrategyHost<MarketMaker<TSink>, TSink> host, BitfinexSubscription book, TickToTrade tickToTrade)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(tickToTrade);
        Host = host;
        _book = book;
        TickToTrade = tickToTrade;
        Counters = new TradingCounters(host.Router.Engine.Orders);
    }

    public StrategyHost<MarketMaker<TSink>, TSink> Host { get; }

    public TickToTrade TickToTrade { get; }

    public TradingCounters Counters { get; }

    /// <summary>False once shutdown began (or until startup reconciliation completed): the strategy makes no decisions.</summary>
    public bool Running { get; set; } = true;

    /// <summary>Optional: feeds the money breakers; told about every applied report before the strategy.</summary>
    public BreakerFeed? BreakerFeed { get; set; }

    /// <summary>Keeps the latest book update of the read being processed (an update of another instrument decides the kept one first).</summary>
    public void DeferBookUpdate(in BookUpdate update)
    {
        if (_hasPending && _pending.Instrument != update.Instrument)
        {
            DecidePending();
        }

        _pending = update;
        _hasPending = true;
    }

    /// <summary>
    /// After a read's frames are all applied: the strategy decides on the kept update (the newest book), armed for
    /// tick-to-trade from that read's return. Returns 1 when there was a decision to make.
    /// </summary>
    public int DecidePending()
    {
        if (!_hasPending)
        {
            return 0;
        }

        _hasPending = false;
        if (!Running)
        {
            return 0;
        }

        AttachBook(_pending.Instrument);
        TickToTrade.Arm(_pending.ReceiveNanos);
        Host.OnBookUpdate(_pending);
        TickToTrade.Disarm();
        return 1;
    }

    /// <summary>A venue report the engine has applied (paper: from the gateway).</summary>
    public void OnReport(in ExecutionReport report, ReportOutcome outcome)
    {
        Counters.OnReport(report, outcome);
        BreakerFeed?.OnReport(report, outcome);
        if (Running)
        {
            Host.Strategy.OnExecutionReport(report, outcome);
            Host.Router.SyncStops();
        }
    }

    /// <summary>A report that still has to go through the engine (dry run: from the dry-run venue).</summary>
    public void OnUnappliedReport(in ExecutionReport report)
    {
        var outcome = Host.Router.OnReport(report);
        OnReport(report, outcome);
    }

    /// <summary>Lets the strategy trade after startup reconciliation: it gets the book and its current state first.</summary>
    public void StartTrading(InstrumentId instrument)
    {
        Running = true;
        AttachBook(instrument);
        Host.OnBookState(instrument, _book.State);
    }

    /// <summary>Hands the session's current book to the market view (it is replaced on resubscription).</summary>
    public void AttachBook(InstrumentId instrument)
    {
        var book = _book.Book;
        if (book is not null && book.Instrument == instrument && !ReferenceEquals(Host.Market.Book(instrument), book))
        {
            Host.Market.Attach(book);
        }
    }
}
