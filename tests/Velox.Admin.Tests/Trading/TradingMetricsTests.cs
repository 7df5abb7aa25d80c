using Velox.Admin.Health;
using Velox.Admin.Metrics;
using Velox.Admin.Tests.Metrics;
using Velox.Admin.Trading;
using Velox.Core.Metrics;
using Velox.Trading.Oms;
using Velox.Trading.Risk;

namespace Velox.Admin.Tests.Trading;

public class TradingMetricsTests
{
    [Test]
    public void Engine_counters_positions_and_pnl_are_exported_after_publish()
    {
        var test = new TestEngine();
        var registry = new MetricsRegistry();
        var tickToTrade = new LatencyHistogram();
        var metrics = new TradingMetrics(registry, test.Engine, test.Instruments.All, tickToTrade: tickToTrade);
        var id = test.BuyAndFill();
        Assert.That(test.Engine.OnReport(ExecutionReport.Fill(id, 1, new(10_000), new(10_000))), Is.Not.EqualTo(ReportOutcome.Applied));
        Assert.That(test.OversizedOrder(), Is.EqualTo(RiskRejectReason.MaxOrderQuantity));
        tickToTrade.Record(12_000);

        var before = Exposition.Parse(registry.Scrape());
        Assert.That(before["velox_risk_passed_total"].Samples.Single().Value, Is.Zero, "nothing before the engine thread publishes");

        metrics.Publish();
        var families = Exposition.Parse(registry.Scrape());

        var reports = families["velox_order_reports_total"].Samples.ToDictionary(s => s.Label("outcome"), s => s.Value);
        Assert.That(reports["applied"], Is.EqualTo(2));
        Assert.That(reports["duplicate_fill"] + reports["stale"] + reports["overfill"], Is.EqualTo(1));
        Assert.That(reports, Has.Count.EqualTo(Enum.GetValues<ReportOutcome>().Length));
        Assert.That(families["velox_risk_passed_total"].Samples.Single().Value, Is.EqualTo(1));
        var rejections = families["velox_risk_rejections_total"].Samples.ToDictionary(s => s.Label("reason"), s => s.Value);
        Assert.That(rejections["max_order_quantity"], Is.EqualTo(1));
        Assert.That(rejections.ContainsKey("none"), Is.False);
        var positions = families["velox_position"].Samples.ToDictionary(s => s.Label("symbol"), s => s.Value);
        Assert.That(positions["BTC-USD"], Is.EqualTo(1.0));
        Assert.That(positions["ETH \"quoted\""], Is.Zero);
        Assert.That(families["velox_realized_pnl"].Samples, Has.Count.EqualTo(2));
        Assert.That(families["velox_trading_mode"].Samples.Single().Value, Is.Zero);
        var tripped = families["velox_breaker_tripped"].Samples.ToDictionary(s => s.Label("breaker"), s => s.Value);
        Assert.That(string.Join(",", tripped.Keys.Order(StringComparer.Ordinal)), Is.EqualTo("daily_loss,drawdown,error_rate,volatility"));
        Assert.That(tripped.Values, Is.All.Zero);
        Assert.That(families["velox_tick_to_trade_seconds"].Samples.Single(s => s.Name.EndsWith("_count", StringComparison.Ordinal)).Value, Is.EqualTo(1));
        Exposition.AssertHistogramShape(families["velox_tick_to_trade_seconds"]);
    }

    [Test]
    public void Publish_allocates_nothing()
    {
        var test = new TestEngine();
        var metrics = new TradingMetrics(new MetricsRegistry(), test.Engine, test.Instruments.All, new RiskHealth(test.KillSwitch));
        test.BuyAndFill();
        metrics.Publish();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            metrics.Publish();
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
