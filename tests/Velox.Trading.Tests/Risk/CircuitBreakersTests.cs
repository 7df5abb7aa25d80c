using Velox.Trading.Risk;
using static Velox.Trading.Tests.Fixtures;

namespace Velox.Trading.Tests.Risk;

/// <summary>Breakers trip when the measure reaches the threshold, not one unit before.</summary>
public class CircuitBreakersTests
{
    [TestCase(99, false)]
    [TestCase(100, true)]
    [TestCase(101, true)]
    public void Drawdown_FromTheHighWaterMark(long drawdown, bool trips)
    {
        var breakers = new CircuitBreakers(new BreakerOptions { MaxDrawdown = 100 }, 1);
        breakers.OnEquity(500);
        breakers.OnEquity(1_000);
        breakers.OnEquity(950);
        breakers.OnEquity(1_000 - drawdown);
        Assert.That(breakers.HighWaterMark, Is.EqualTo(1_000));
        Assert.That(breakers.IsTripped(BreakerKind.Drawdown), Is.EqualTo(trips));
        Assert.That(breakers.Mode, Is.EqualTo(trips ? TradingMode.Halt : TradingMode.Normal));
    }

    [TestCase(49, false)]
    [TestCase(50, true)]
    [TestCase(51, true)]
    public void DailyLoss_SinceTheStartOfTheDay(long loss, bool trips)
    {
        var breakers = new CircuitBreakers(new BreakerOptions { MaxDailyLoss = 50 }, 1);
        breakers.OnRealizedPnl(200);
        breakers.StartDay();
        breakers.OnRealizedPnl(200 - loss);
        Assert.That(breakers.IsTripped(BreakerKind.DailyLoss), Is.EqualTo(trips));
        Assert.That(breakers.Mode, Is.EqualTo(trips ? TradingMode.ReduceOnly : TradingMode.Normal));
    }

    [TestCase(999_999_999, true)]
    [TestCase(1_000_000_000, true)]
    [TestCase(1_000_000_001, false)]
    public void ErrorRate_NErrorsWithinTheWindow(long lastAt, bool trips)
    {
        var breakers = new CircuitBreakers(new BreakerOptions { MaxErrors = 3, ErrorWindowNanos = 1_000_000_000 }, 1);
        breakers.OnError(0);
        breakers.OnError(500_000_000);
        Assert.That(breakers.IsTripped(BreakerKind.ErrorRate), Is.False, "limit − 1 errors");
        breakers.OnError(lastAt);
        Assert.That(breakers.IsTripped(BreakerKind.ErrorRate), Is.EqualTo(trips));
    }

    [TestCase(100.99, false)]
    [TestCase(101.00, true)]
    [TestCase(101.01, true)]
    public void Volatility_MidRangeInBps(decimal mid, bool trips)
    {
        var breakers = new CircuitBreakers(new BreakerOptions { MaxMoveBps = 100, VolatilityWindowNanos = 1_000 }, 2);
        breakers.OnMid(Btc, Px(100), 0);
        breakers.OnMid(Eth, Px(50), 10);
        breakers.OnMid(Btc, Px(mid), 1_000);
        Assert.That(breakers.IsTripped(BreakerKind.Volatility), Is.EqualTo(trips));
    }

    [Test]
    public void Volatility_ForgetsMidsOutsideTheWindow()
    {
        var breakers = new CircuitBreakers(new BreakerOptions { MaxMoveBps = 100, VolatilityWindowNanos = 1_000 }, 1);
        breakers.OnMid(Btc, Px(100), 0);
        breakers.OnMid(Btc, Px(101), 1_001);
        Assert.That(breakers.IsTripped(BreakerKind.Volatility), Is.False);
    }

    [Test]
    public void MostSevereModeWins_AndResetFallsBack()
    {
        var breakers = new CircuitBreakers(new BreakerOptions { MaxDailyLoss = 1, MaxErrors = 1 }, 1);
        breakers.OnRealizedPnl(-1);
        Assert.That(breakers.Mode, Is.EqualTo(TradingMode.ReduceOnly));
        breakers.OnError(5);
        Assert.That(breakers.Mode, Is.EqualTo(TradingMode.Halt));
        breakers.Reset(BreakerKind.ErrorRate);
        Assert.That(breakers.Mode, Is.EqualTo(TradingMode.ReduceOnly));
        breakers.Reset(BreakerKind.DailyLoss);
        Assert.That(breakers.Mode, Is.EqualTo(TradingMode.Normal));
        Assert.That(breakers.Trips(BreakerKind.ErrorRate), Is.EqualTo(1));
    }
}
