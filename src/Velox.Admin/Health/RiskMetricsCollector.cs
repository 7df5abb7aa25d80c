using Velox.Admin.Metrics;

namespace Velox.Admin.Health;

/// <summary>Exports the kill switch and the halted state at scrape time (the kill switch may flip between publishes).</summary>
public sealed class RiskMetricsCollector : IMetricsCollector
{
    private readonly RiskHealth _risk;

    public RiskMetricsCollector(RiskHealth risk) => _risk = risk ?? throw new ArgumentNullException(nameof(risk));

    public void Collect(MetricsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Family("velox_kill_switch_engaged", "1 while the manual kill switch stops new orders.", MetricType.Gauge);
        writer.Sample("velox_kill_switch_engaged", [], _risk.KillSwitch.IsEngaged ? 1L : 0L);
        writer.Family("velox_trading_halted", "1 while no new order may be sent (kill switch or breaker HALT).", MetricType.Gauge);
        writer.Sample("velox_trading_halted", [], _risk.IsHalted ? 1L : 0L);
    }
}
