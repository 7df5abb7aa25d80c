using Velox.Admin.Health;
using Velox.Admin.Metrics;
using Velox.Core.Instruments;
using Velox.Core.Metrics;
using Velox.Trading;
using Velox.Trading.Oms;
using Velox.Trading.Risk;

namespace Velox.Admin.Trading;

/// <summary>
/// Exports a <see cref="TradingEngine"/>'s own counters: execution reports by outcome, risk passes and
/// rejections by reason, open orders, position and net realized PnL per instrument, the breakers' mode, which
/// breaker is tripped and,
/// when the caller records one, tick-to-trade. The engine types are single-threaded, so the engine thread
/// calls <see cref="Publish"/> at a cold cadence (e.g. every 250 ms); it copies into the registry's series
/// without allocating, and the scrape reads those.
/// </summary>
public sealed class TradingMetrics
{
    private readonly TradingEngine _engine;
    private readonly RiskHealth? _risk;
    private readonly LatencyHistogram? _tickToTrade;
    private readonly LatencyHistogramMetric? _tickToTradeMetric;
    private readonly Counter[] _outcomes;
    private readonly Counter _passed;
    private readonly Counter[] _rejections;
    private readonly Gauge _openOrders;
    private readonly Gauge _mode;
    private readonly Gauge[] _tripped;
    private readonly Instrument[] _instruments;
    private readonly Gauge[] _positions;
    private readonly Gauge[] _pnl;

    /// <param name="registry">Where the series are registered.</param>
    /// <param name="engine">The engine whose counters are exported.</param>
    /// <param name="instruments">Instruments to export positions and PnL for.</param>
    /// <param name="risk">Optional: receives the breakers' mode for /health.</param>
    /// <param name="tickToTrade">Optional: the histogram the strategy loop records tick-to-trade (ns) into.</param>
    public TradingMetrics(
        MetricsRegistry registry, TradingEngine engine, IReadOnlyList<Instrument> instruments, RiskHealth? risk = null, LatencyHistogram? tickToTrade = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(instruments);
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _risk = risk;
        _tickToTrade = tickToTrade;

        var outcomes = Enum.GetValues<ReportOutcome>();
        _outcomes = new Counter[outcomes.Length];
        foreach (var outcome in outcomes)
        {
            _outcomes[(int)outcome] = registry.Counter(
                "velox_order_reports_total", "Execution reports by what the OMS did with them.", new MetricLabel("outcome", LabelText.Snake(outcome.ToString())));
        }

        _passed = registry.Counter("velox_risk_passed_total", "Orders that passed every pre-trade risk check.");
        var reasons = Enum.GetValues<RiskRejectReason>();
        _rejections = new Counter[reasons.Length];
        foreach (var reason in reasons)
        {
            if (reason != RiskRejectReason.None)
            {
                _rejections[(int)reason] = registry.Counter(
                    "velox_risk_rejections_total", "Orders refused by pre-trade risk, by reason.", new MetricLabel("reason", LabelText.Snake(reason.ToString())));
            }
        }

        _openOrders = registry.Gauge("velox_open_orders", "Orders live in the OMS.");
        _mode = registry.Gauge("velox_trading_mode", "Circuit breaker mode: 0 normal, 1 reduce-only, 2 halt.");
        var kinds = Enum.GetValues<BreakerKind>();
        _tripped = new Gauge[kinds.Length];
        foreach (var kind in kinds)
        {
            _tripped[(int)kind] = registry.Gauge(
                "velox_breaker_tripped", "1 while the circuit breaker is tripped.", new MetricLabel("breaker", LabelText.Snake(kind.ToString())));
        }

        _instruments = [.. instruments];
        _positions = new Gauge[_instruments.Length];
        _pnl = new Gauge[_instruments.Length];
        for (var i = 0; i < _instruments.Length; i++)
        {
            var labels = new[] { new MetricLabel("venue", _instruments[i].Venue), new MetricLabel("symbol", _instruments[i].Symbol) };
            _positions[i] = registry.Gauge("velox_position", "Net position in base units (negative: short).", labels);
            _pnl[i] = registry.Gauge("velox_realized_pnl", "Realized PnL net of fees, in quote units.", labels);
        }

        if (tickToTrade is not null)
        {
            _tickToTradeMetric = registry.Histogram("velox_tick_to_trade_seconds", "From the inbound frame's receive time to the order's send.");
        }
    }

    /// <summary>Copies the engine's counters into the series; engine thread only, allocation-free.</summary>
    public void Publish()
    {
        for (var i = 0; i < _outcomes.Length; i++)
        {
            _outcomes[i].Mirror(_engine.Orders.Count((ReportOutcome)i));
        }

        _passed.Mirror(_engine.Risk.Passed);
        for (var i = 1; i < _rejections.Length; i++)
        {
            _rejections[i].Mirror(_engine.Risk.Rejections((RiskRejectReason)i));
        }

        _openOrders.Set(_engine.Orders.OpenOrders);
        _mode.Set((double)_engine.Breakers.Mode);
        _risk?.Update(_engine.Breakers.Mode);
        for (var k = 0; k < _tripped.Length; k++)
        {
            _tripped[k].Set(_engine.Breakers.IsTripped((BreakerKind)k) ? 1 : 0);
        }

        for (var i = 0; i < _instruments.Length; i++)
        {
            var instrument = _instruments[i];
            var position = _engine.Positions[instrument.Id];
            _positions[i].Set(position.Quantity.Raw / Pow10(instrument.SizeScale));
            _pnl[i].Set((double)_engine.Positions.NetRealizedPnl(instrument.Id) / Pow10(_engine.Positions.NotionalScale(instrument.Id)));
        }

        if (_tickToTrade is not null)
        {
            _tickToTradeMetric!.Publish(_tickToTrade);
        }
    }

    private static double Pow10(int scale) => Math.Pow(10, scale);
}
