using System.Globalization;
using Velox.Trading.Risk;

namespace Velox.Host.Trading;

/// <summary>One consistent copy of a trading run's counters (amounts already in units of the instrument).</summary>
public readonly record struct TradingSnapshot
{
    public long Frames { get; init; }

    public bool BookInSync { get; init; }

    public bool Ready { get; init; }

    public long OrdersSent { get; init; }

    public long Acked { get; init; }

    /// <summary>Cancels handed to the venue (requotes, stops; not the cancel-alls).</summary>
    public long CancelsSent { get; init; }

    /// <summary>Amends handed to the venue (<c>strategy.mm.requote: amend</c>).</summary>
    public long AmendsSent { get; init; }

    /// <summary>Amends the venue acknowledged.</summary>
    public long AmendsAcked { get; init; }

    public long Rejected { get; init; }

    public long Fills { get; init; }

    public long CancelAcks { get; init; }

    public long Expired { get; init; }

    public long RiskRejects { get; init; }

    public int OpenOrders { get; init; }

    public decimal Position { get; init; }

    public decimal RealizedPnl { get; init; }

    public decimal UnrealizedPnl { get; init; }

    public long SequenceGaps { get; init; }

    public long Errors { get; init; }

    public bool KillSwitch { get; init; }

    /// <summary>What the circuit breakers allow (HALT, REDUCE_ONLY or normal).</summary>
    public TradingMode Mode { get; init; }

    /// <summary>The tripped breaker and its measure (null while none tripped).</summary>
    public string? Breaker { get; init; }

    /// <summary>What startup reconciliation found and did (null before it completed, or without one).</summary>
    public string? Reconciliation { get; init; }

    /// <summary>Why the run refuses to trade (startup reconciliation failed or timed out).</summary>
    public string? ReconciliationFailure { get; init; }

    public long TickToTradeCount { get; init; }

    public long TickToTradeP50 { get; init; }

    public long TickToTradeP99 { get; init; }

    public long TickToTradeP999 { get; init; }

    public long TickToTradeMax { get; init; }

    /// <summary>The status line (dry run: nothing is sent, so the latency ends at the decision).</summary>
    public string Format(double seconds, string mode, string baseCurrency, string quoteCurrency) => string.Create(
        CultureInfo.InvariantCulture,
        $"[{seconds,5:F0}s] {mode} | orders {OrdersSent:N0} sent {Acked:N0} acked {Rejected:N0} rejected | fills {Fills:N0} | position {Position:0.########} {baseCurrency} | pnl realized {RealizedPnl:F2} unrealized {UnrealizedPnl:F2} {quoteCurrency} | risk rejections {RiskRejects:N0} | open {OpenOrders}{(KillSwitch ? " | KILL SWITCH" : string.Empty)}{(Breaker is null ? string.Empty : " | " + Breaker)} | {(mode == "dry-run" ? "tick-to-decision" : "tick-to-trade")} p50 {Micros(TickToTradeP50)} p99 {Micros(TickToTradeP99)}");

    /// <summary>The latency part of the summary.</summary>
    public string FormatLatency(string what) => TickToTradeCount == 0
        ? $"{what}: no samples"
        : string.Create(
            CultureInfo.InvariantCulture,
            $"{what} p50 {Micros(TickToTradeP50)} p99 {Micros(TickToTradeP99)} p99.9 {Micros(TickToTradeP999)} max {Micros(TickToTradeMax)} over {TickToTradeCount:N0} decisions");

    private static string Micros(long nanos) => string.Create(CultureInfo.InvariantCulture, $"{nanos / 1000.0:F1}µs");
}
