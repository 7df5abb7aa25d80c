using Velox.Core;
using Velox.Host.Config;
using Velox.Strategies.Execution;
using Velox.Trading.Risk;

namespace Velox.Host.Tests.Trading;

/// <summary>
/// Each circuit breaker of a trading run, configured through <c>risk.breakers</c> and fed the way the run feeds
/// it (fills through the desk, mids through the strategy host, the breaker feed and the strategy timer on the
/// duty cycle): it trips at its threshold and not one unit before, and its mode then holds.
/// Prices are raw at scale 2 (100_100 = 1001.00), sizes at scale 4 (10_000 = 1.0); equity at scale 8.
/// </summary>
public class BreakerFeedTests
{
    private static BreakerConfig Only(
        long maxDrawdown = 0, long maxDailyLoss = 0, int maxRejects = 0, int maxMoveBps = 0) => new()
        {
            MaxDrawdown = ConfigDecimal.FromInteger(maxDrawdown),
            MaxDailyLoss = ConfigDecimal.FromInteger(maxDailyLoss),
            MaxRejectRatePerMinute = maxRejects,
            MaxMoveBps = maxMoveBps,
            VolatilityWindowMillis = 1000,
        };

    [Test]
    public void Config_thresholds_reach_the_breakers_at_the_equity_scale()
    {
        var config = new BreakerConfig
        {
            MaxDrawdown = ConfigDecimal.FromInteger(1000),
            MaxDailyLoss = ConfigDecimal.FromInteger(500),
            MaxRejectRatePerMinute = 30,
            MaxMoveBps = 75,
            VolatilityWindowMillis = 2500,
        };
        Assert.That(Velox.Host.Trading.TradingSettings.TryBreakers(new RiskConfig { Breakers = config }, out var options, out var error), Is.True, error);
        Assert.Multiple(() =>
        {
            Assert.That(options.MaxDrawdown, Is.EqualTo(1000_00000000L));
            Assert.That(options.MaxDailyLoss, Is.EqualTo(500_00000000L));
            Assert.That(options.MaxErrors, Is.EqualTo(30));
            Assert.That(options.ErrorWindowNanos, Is.EqualTo(60_000_000_000L));
            Assert.That(options.MaxMoveBps, Is.EqualTo(75));
            Assert.That(options.VolatilityWindowNanos, Is.EqualTo(2_500_000_000L));
        });
    }

    [Test]
    public void Drawdown_from_the_high_water_mark_halts_at_the_threshold_cancels_and_blocks_new_orders()
    {
        var h = new DeskHarness(Only(maxDrawdown: 5));
        h.Top(100_000, 100_200);
        h.Trade(Side.Bid, 100_100, 10_000);
        Assert.That(h.Feed.LastEquity, Is.Zero, "long 1.0 at 1001.00, marked at mid 1001.00");

        h.Top(99_502, 99_702);
        h.Clock.Advance(20_000_000);
        h.Cycle();
        Assert.Multiple(() =>
        {
            Assert.That(h.Feed.LastEquity, Is.EqualTo(-4_98000000L), "marked at mid 996.02");
            Assert.That(h.Mode, Is.EqualTo(TradingMode.Normal), "4.98 below the high-water mark: not yet");
        });

        // One cent more, but within the equity interval: no sample, no trip yet (bounded cadence).
        var samples = h.Feed.EquitySamples;
        h.Top(99_500, 99_700);
        h.Cycle();
        Assert.That(h.Feed.EquitySamples, Is.EqualTo(samples));
        Assert.That(h.Mode, Is.EqualTo(TradingMode.Normal));
        Assert.That(h.Engine.Orders.OpenOrders, Is.GreaterThan(0), "the market maker's quotes rest");

        h.Clock.Advance(10_000_000);
        h.Cycle();
        Assert.Multiple(() =>
        {
            Assert.That(h.Feed.LastEquity, Is.EqualTo(-5_00000000L));
            Assert.That(h.Mode, Is.EqualTo(TradingMode.Halt));
            Assert.That(h.Engine.Breakers.IsTripped(BreakerKind.Drawdown), Is.True);
            Assert.That(h.Feed.Reason, Does.StartWith("HALT by drawdown: equity -5 is 5 below its high-water mark 0"));
            Assert.That(h.Host.Router.StopsEnforced, Is.EqualTo(1), "the same cycle turned HALT into a cancel-all");
        });

        h.Cycle();
        Assert.That(h.Engine.Orders.OpenOrders, Is.Zero, "the venue confirmed the cancel-all");
        Assert.That(h.TrySubmit(Side.Ask, 99_700, 100, out var reason), Is.EqualTo(RouteStatus.RiskRejected));
        Assert.That(reason, Is.EqualTo(RiskRejectReason.Halted));
    }

    [Test]
    public void Daily_realized_loss_makes_trading_reduce_only_at_the_threshold_after_the_fill()
    {
        var h = new DeskHarness(Only(maxDailyLoss: 3));
        h.Top(100_000, 100_200);
        h.Trade(Side.Bid, 100_100, 20_000);
        h.Trade(Side.Ask, 99_801, 10_000);
        Assert.Multiple(() =>
        {
            Assert.That(h.Feed.LastRealized, Is.EqualTo(-2_99000000L), "sold 1.0 of 2.0 bought at 1001.00 for 998.01");
            Assert.That(h.Mode, Is.EqualTo(TradingMode.Normal));
        });

        h.Trade(Side.Ask, 100_000, 100);
        Assert.Multiple(() =>
        {
            Assert.That(h.Feed.LastRealized, Is.EqualTo(-3_00000000L));
            Assert.That(h.Mode, Is.EqualTo(TradingMode.ReduceOnly), "tripped by the fill itself, before any timer");
            Assert.That(h.Feed.Reason, Is.EqualTo("REDUCE_ONLY by daily loss: net realized -3 since the UTC day began reached the max loss 3"));
        });

        // Long 0.99: a buy would grow it, a sell reduces it.
        Assert.That(h.TrySubmit(Side.Bid, 100_000, 100, out var reason), Is.EqualTo(RouteStatus.RiskRejected));
        Assert.That(reason, Is.EqualTo(RiskRejectReason.ReduceOnly));
        Assert.That(h.TrySubmit(Side.Ask, 100_300, 1_000, out reason), Is.EqualTo(RouteStatus.Sent), reason.ToString());
    }

    [Test]
    public void The_daily_loss_counts_from_the_utc_day_boundary()
    {
        var h = new DeskHarness(Only(maxDailyLoss: 3));
        h.Top(100_000, 100_200);
        h.Trade(Side.Bid, 100_100, 10_000);
        h.Trade(Side.Ask, 99_801, 10_000);
        Assert.That(h.Feed.LastRealized, Is.EqualTo(-2_99000000L));

        h.Wall.Now = h.Wall.Now.AddHours(12);
        h.Cycle();
        Assert.That(h.Feed.DaysStarted, Is.EqualTo(1));

        h.Trade(Side.Bid, 100_100, 10_000);
        h.Trade(Side.Ask, 99_801, 10_000);
        Assert.Multiple(() =>
        {
            Assert.That(h.Feed.LastRealized, Is.EqualTo(-5_98000000L), "cumulative");
            Assert.That(h.Mode, Is.EqualTo(TradingMode.Normal), "only 2.99 lost today");
        });

        h.Trade(Side.Bid, 100_100, 100);
        h.Trade(Side.Ask, 100_000, 100);
        Assert.That(h.Mode, Is.EqualTo(TradingMode.ReduceOnly), "3.00 lost today");
        Assert.That(h.Feed.Reason, Does.StartWith("REDUCE_ONLY by daily loss: net realized -3 since the UTC day began"));
    }

    [Test]
    public void Venue_rejects_halt_at_the_configured_count_per_minute()
    {
        var h = new DeskHarness(Only(maxRejects: 3));
        h.Top(100_000, 100_200);
        RejectNew(h);
        RejectNew(h);
        h.Clock.Advance(61_000_000_000);
        RejectNew(h);
        RejectNew(h);
        Assert.That(h.Mode, Is.EqualTo(TradingMode.Normal), "two rejects a minute ago, two now");

        RejectNew(h);
        Assert.Multiple(() =>
        {
            Assert.That(h.Mode, Is.EqualTo(TradingMode.Halt));
            Assert.That(h.Feed.Reason, Is.EqualTo("HALT by error rate: 3 rejects/errors within 60 s"));
        });
    }

    [Test]
    public void A_mid_range_of_the_configured_bps_within_the_window_makes_trading_reduce_only()
    {
        var h = new DeskHarness(Only(maxMoveBps: 50));
        h.Top(100_000, 100_200);
        h.Clock.Advance(1_500_000_000);
        h.Top(99_400, 99_600);
        h.Cycle();
        Assert.That(h.Mode, Is.EqualTo(TradingMode.Normal), "a 50 bps move spread over more than the window");

        h.Clock.Advance(1_500_000_000);
        h.Top(100_000, 100_200);
        h.Top(99_502, 99_702);
        h.Cycle();
        Assert.That(h.Mode, Is.EqualTo(TradingMode.Normal), "1001.00 → 996.02 is 49.99 bps of 996.02");

        h.Top(99_500, 99_702);
        h.Cycle();
        Assert.Multiple(() =>
        {
            Assert.That(h.Mode, Is.EqualTo(TradingMode.ReduceOnly), "1001.00 → 996.01 is 50.0 bps");
            Assert.That(h.Feed.Reason, Is.EqualTo("REDUCE_ONLY by volatility: mid moved 50 bps or more within 1 s"));
        });
    }

    [Test]
    public void Kill_switch_cancels_every_resting_order_and_stops_new_ones_within_one_cycle()
    {
        var h = new DeskHarness(Only());
        h.Top(100_000, 100_200);
        h.Cycle();
        var open = h.Engine.Orders.OpenOrders;
        Assert.That(open, Is.GreaterThan(0), "the market maker quotes");
        while (h.Venue.Commands.TryRead(out _))
        {
        }

        h.Engine.KillSwitch.Engage();
        h.Cycle();
        var cancelAll = 0;
        while (h.Venue.Commands.TryRead(out var command))
        {
            Assert.That(command.Kind, Is.EqualTo(SinkCommandKind.CancelAll), "nothing but the cancel-all after the kill");
            cancelAll++;
        }

        Assert.That(cancelAll, Is.EqualTo(1));
        var sent = h.Host.Router.OrdersSent;
        h.Top(99_900, 100_100);
        h.Top(100_100, 100_300);
        h.Cycle();
        Assert.Multiple(() =>
        {
            Assert.That(h.Host.Router.OrdersSent, Is.EqualTo(sent), "no order after the kill switch");
            Assert.That(h.Engine.Orders.OpenOrders, Is.Zero, "the venue confirmed the cancels");
            Assert.That(h.TrySubmit(Side.Bid, 99_000, 100, out var reason), Is.EqualTo(RouteStatus.RiskRejected));
        });
    }

    private static void RejectNew(DeskHarness h)
    {
        Assert.That(h.TrySubmit(Side.Bid, 99_000, 100, out var id, out var reason), Is.EqualTo(RouteStatus.Sent), reason.ToString());
        h.Desk.OnUnappliedReport(Velox.Trading.Oms.ExecutionReport.Reject(id, 1));
    }
}
