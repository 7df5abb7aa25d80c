using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Trading.Oms;

namespace Velox.Strategies.Hosting;

/// <summary>
/// A strategy's callbacks. The host takes the strategy as a generic parameter constrained to this interface
/// (a struct is specialized and its calls inlined; a sealed class costs at most one interface call, which guarded
/// devirtualization usually removes), so no delegate and no allocation sits between a tick and a decision. Strategies send orders through their
/// <see cref="Execution.OrderRouter{TSink}"/>; they never talk to a venue directly.
/// </summary>
public interface IStrategy
{
    /// <summary>A book change was applied (the book and <see cref="MarketView"/> are already updated; snapshots arrive once complete).</summary>
    void OnBook(in BookUpdate update);

    /// <summary>A book changed sync state.</summary>
    void OnBookState(InstrumentId instrument, BookSyncState state);

    /// <summary>A public trade.</summary>
    void OnTrade(in TradeEvent trade);

    /// <summary>A report about one of our orders, after the OMS, positions and breakers applied it (<paramref name="outcome"/> says how).</summary>
    void OnExecutionReport(in ExecutionReport report, ReportOutcome outcome);

    /// <summary>Periodic callback from the host's timer (timeouts, retries) with the injected clock's time.</summary>
    void OnTimer(long nowNanos);
}
