using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Strategies.Execution;
using Velox.Trading.Oms;

namespace Velox.Strategies.Hosting;

/// <summary>
/// Drives one strategy: market data updates the <see cref="MarketView"/>, feeds the mid to the breakers and
/// reaches the strategy; execution reports go through the engine (OMS, positions, breakers) before the
/// strategy sees them; the timer lets it handle timeouts. Every entry point first turns an active kill
/// switch or HALT into cancels (<see cref="OrderRouter{TSink}.SyncStops"/>). Single-threaded (engine
/// thread); allocation-free per event.
/// </summary>
public sealed class StrategyHost<TStrategy, TSink>
    where TStrategy : IStrategy
    where TSink : struct, IOrderSink
{
    private TStrategy _strategy;

    public StrategyHost(TStrategy strategy, OrderRouter<TSink> router)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(router);
        _strategy = strategy;
        Router = router;
    }

    /// <summary>The strategy (by reference, so a struct strategy is inspected in place).</summary>
    public ref TStrategy Strategy => ref _strategy;

    public OrderRouter<TSink> Router { get; }

    public MarketView Market => Router.Market;

    /// <summary>Book changes received.</summary>
    public long BookUpdates { get; private set; }

    /// <summary>Snapshot levels received before their snapshot was complete (no decision on a half-built book).</summary>
    public long SnapshotLevelsDeferred { get; private set; }

    /// <summary>Execution reports received.</summary>
    public long Reports { get; private set; }

    /// <summary>A book change the feed applied to its book.</summary>
    public void OnBookUpdate(in BookUpdate update)
    {
        BookUpdates++;
        Market.OnBookUpdate(update);
        if ((update.Flags & BookUpdateFlags.Snapshot) != 0 && (update.Flags & BookUpdateFlags.SnapshotEnd) == 0)
        {
            SnapshotLevelsDeferred++;
            return;
        }

        if (Market.TryGetMid(update.Instrument, out var mid))
        {
            Router.OnMid(update.Instrument, mid);
        }
        else
        {
            Router.SyncStops();
        }

        _strategy.OnBook(update);
    }

    /// <summary>A public trade.</summary>
    public void OnTrade(in TradeEvent trade) => _strategy.OnTrade(trade);

    /// <summary>A book's sync state changed.</summary>
    public void OnBookState(InstrumentId instrument, BookSyncState state)
    {
        Market.OnBookState(instrument, state);
        Router.SyncStops();
        _strategy.OnBookState(instrument, state);
    }

    /// <summary>A venue's report about one of our orders.</summary>
    public void OnExecutionReport(in ExecutionReport report)
    {
        Reports++;
        var outcome = Router.OnReport(report);
        _strategy.OnExecutionReport(report, outcome);
    }

    /// <summary>The periodic timer (call it from the engine's duty cycle, e.g. every millisecond).</summary>
    public void OnTimer(long nowNanos)
    {
        Router.SyncStops();
        _strategy.OnTimer(nowNanos);
    }
}
