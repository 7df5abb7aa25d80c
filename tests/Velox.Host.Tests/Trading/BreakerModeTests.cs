using Velox.Core;
using Velox.Host.Config;
using Velox.Host.Trading;
using Velox.Strategies.Execution;
using Velox.Trading.Oms;
using Velox.Trading.Risk;

namespace Velox.Host.Tests.Trading;

/// <summary>
/// <c>risk.breakers.*Mode</c>: each breaker, configured with the mode opposite to its default, trips into the
/// configured mode (fed as in a run, see <see cref="BreakerFeedTests"/>), and the defaults stay as they were.
/// </summary>
public class BreakerModeTests
{
    private static BreakerConfig Only(
        long maxDrawdown = 0, long maxDailyLoss = 0, int maxRejects = 0, int maxMoveBps = 0,
        BreakerModeKind drawdown = BreakerModeKind.Halt, BreakerModeKind dailyLoss = BreakerModeKind.ReduceOnly,
        BreakerModeKind rejectRate = BreakerModeKind.Halt, BreakerModeKind volatility = BreakerModeKind.ReduceOnly) => new()
        {
            MaxDrawdown = ConfigDecimal.FromInteger(maxDrawdown),
            MaxDailyLoss = ConfigDecimal.FromInteger(maxDailyLoss),
            MaxRejectRatePerMinute = maxRejects,
            MaxMoveBps = maxMoveBps,
            VolatilityWindowMillis = 1000,
            DrawdownMode = drawdown,
            DailyLossMode = dailyLoss,
            RejectRateMode = rejectRate,
            VolatilityMode = volatility,
        };

    [Test]
    public void Defaults_are_halt_for_drawdown_and_reject_rate_and_reduce_only_for_daily_loss_and_volatility()
    {
        Assert.That(TradingSettings.TryBreakers(new RiskConfig(), out var options, out var error), Is.True, error);
        Assert.That(
            (options.DrawdownMode, options.DailyLossMode, options.ErrorMode, options.VolatilityMode),
            Is.EqualTo((TradingMode.Halt, TradingMode.ReduceOnly, TradingMode.Halt, TradingMode.ReduceOnly)));
    }

    [Test]
    public void Drawdown_configured_reduce_only_trips_into_reduce_only()
    {
        var h = new DeskHarness(Only(maxDrawdown: 5, drawdown: BreakerModeKind.ReduceOnly));
        h.Top(100_000, 100_200);
        h.Trade(Side.Bid, 100_100, 10_000);
        h.Top(99_500, 99_700);
        h.Clock.Advance(20_000_000);
        h.Cycle();
        Assert.Multiple(() =>
        {
            Assert.That(h.Engine.Breakers.IsTripped(BreakerKind.Drawdown), Is.True);
            Assert.That(h.Mode, Is.EqualTo(TradingMode.ReduceOnly));
            Assert.That(h.Feed.Reason, Does.StartWith("REDUCE_ONLY by drawdown"));
        });

        // Long 1.0: buying more is refused as reduce-only (not as halted), selling some still passes.
        Assert.That(h.TrySubmit(Side.Bid, 99_000, 100, out var reason), Is.EqualTo(RouteStatus.RiskRejected));
        Assert.That(reason, Is.EqualTo(RiskRejectReason.ReduceOnly));
        Assert.That(h.TrySubmit(Side.Ask, 100_300, 1_000, out reason), Is.EqualTo(RouteStatus.Sent), reason.ToString());
    }

    [Test]
    public void Daily_loss_configured_halt_trips_into_halt()
    {
        var h = new DeskHarness(Only(maxDailyLoss: 3, dailyLoss: BreakerModeKind.Halt));
        h.Top(100_000, 100_200);
        h.Trade(Side.Bid, 100_100, 20_000);
        h.Trade(Side.Ask, 99_801, 10_000);
        Assert.That(h.Mode, Is.EqualTo(TradingMode.Normal));
        h.Trade(Side.Ask, 100_000, 100);
        Assert.Multiple(() =>
        {
            Assert.That(h.Mode, Is.EqualTo(TradingMode.Halt));
            Assert.That(h.Feed.Reason, Does.StartWith("HALT by daily loss"));
        });

        Assert.That(h.TrySubmit(Side.Ask, 100_300, 1_000, out var reason), Is.EqualTo(RouteStatus.RiskRejected), "even a reducing order");
        Assert.That(reason, Is.EqualTo(RiskRejectReason.Halted));
    }

    [Test]
    public void Reject_rate_configured_reduce_only_trips_into_reduce_only()
    {
        var h = new DeskHarness(Only(maxRejects: 3, rejectRate: BreakerModeKind.ReduceOnly));
        h.Top(100_000, 100_200);
        for (var i = 0; i < 3; i++)
        {
            Assert.That(h.TrySubmit(Side.Bid, 99_000, 100, out var id, out var reason), Is.EqualTo(RouteStatus.Sent), reason.ToString());
            h.Desk.OnUnappliedReport(ExecutionReport.Reject(id, 1));
        }

        Assert.Multiple(() =>
        {
            Assert.That(h.Mode, Is.EqualTo(TradingMode.ReduceOnly));
            Assert.That(h.Feed.Reason, Is.EqualTo("REDUCE_ONLY by error rate: 3 rejects/errors within 60 s"));
        });
    }

    [Test]
    public void Volatility_configured_halt_trips_into_halt()
    {
        var h = new DeskHarness(Only(maxMoveBps: 50, volatility: BreakerModeKind.Halt));
        h.Top(100_000, 100_200);
        h.Top(99_500, 99_702);
        h.Cycle();
        Assert.Multiple(() =>
        {
            Assert.That(h.Mode, Is.EqualTo(TradingMode.Halt));
            Assert.That(h.Feed.Reason, Is.EqualTo("HALT by volatility: mid moved 50 bps or more within 1 s"));
        });
    }
}
