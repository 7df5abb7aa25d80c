using System.Globalization;
using Velox.Strategies.Arbitrage;

namespace Velox.Host.Trading.Arbitrage;

/// <summary>What the arbitrage run's status line shows beyond <see cref="TradingSnapshot"/>: per-venue figures and the cycle counters.</summary>
public readonly record struct ArbitrageSnapshot
{
    public TradingSnapshot Trading { get; init; }

    public bool BitfinexInSync { get; init; }

    public bool BinanceInSync { get; init; }

    public long BitfinexFills { get; init; }

    public long BinanceFills { get; init; }

    public decimal BitfinexPosition { get; init; }

    public decimal BinancePosition { get; init; }

    public decimal BitfinexPnl { get; init; }

    public decimal BinancePnl { get; init; }

    public ArbitrageState State { get; init; }

    public long Opportunities { get; init; }

    public long Completed { get; init; }

    public long Failed { get; init; }

    public long Recoveries { get; init; }

    /// <summary>Recoveries that ended flat again (Unwound events).</summary>
    public long Recovered { get; init; }

    public long UnwindsSent { get; init; }

    public long Exposure { get; init; }

    public long IllegalTransitions { get; init; }

    /// <summary>The one-line live status.</summary>
    public string Format(double seconds, string mode) => string.Create(
        CultureInfo.InvariantCulture,
        $"[{seconds,6:F1}s] {mode} arb {State}{(Trading.KillSwitch ? " KILL SWITCH" : string.Empty)}, books {(BitfinexInSync ? "bitfinex ok" : "bitfinex syncing")}/{(BinanceInSync ? "binance ok" : "binance syncing")}, orders {Trading.OrdersSent:N0} sent {Trading.Acked:N0} acked {Trading.Rejected:N0} rejected {Trading.Expired:N0} expired, fills bitfinex {BitfinexFills:N0} binance {BinanceFills:N0}, position bitfinex {BitfinexPosition:+0.########;-0.########;0} binance {BinancePosition:+0.########;-0.########;0} BTC, pnl {Trading.RealizedPnl + Trading.UnrealizedPnl:F2} (realized {Trading.RealizedPnl:F2}), risk rejections {Trading.RiskRejects:N0}, arb opportunities {Opportunities:N0} completed {Completed:N0} failed {Failed:N0} recovering {Recoveries:N0} recovered {Recovered:N0}, {Trading.FormatLatency("tick-to-trade")}");
}
