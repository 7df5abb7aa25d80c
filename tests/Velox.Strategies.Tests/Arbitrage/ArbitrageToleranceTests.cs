using Velox.Core;
using Velox.Strategies.Arbitrage;
using static Velox.Strategies.Tests.StrategyHarness;

namespace Velox.Strategies.Tests.Arbitrage;

/// <summary>
/// Slippage tolerance of the IOC legs, hand-computed at 2 decimals. Buy at 60000.00, sell at 60200.00, taker fees
/// 10 bps each, margin 5 bps: edge = 60200 × 0.999 − 60000 × 1.0015 = 49.80; moving both limits by the fraction t costs
/// t × (60200 × 0.999 + 60000 × 1.0015) = t × 120229.80, so at most t = 49.80 / 120229.80 = 4.14 bps keeps the margin.
/// </summary>
public class ArbitrageToleranceTests
{
    private static readonly BasisPoints Fee = BasisPoints.FromWhole(10);
    private static readonly BasisPoints Margin = BasisPoints.FromWhole(5);

    [Test]
    public void TwoBpsGoThroughBothTopsRoundedInwardsToTheTick()
    {
        // 60000.00 × 1.0002 = 60012.00; 60200.00 × 0.9998 = 60187.96.
        Assert.That(ArbitrageMath.TryLimitPrices(6_000_000, Fee, 1, 6_020_000, Fee, 1, Margin, BasisPoints.FromWhole(2), out var buy, out var sell), Is.False);
        Assert.That((buy, sell), Is.EqualTo((6_001_200L, 6_018_796L)));

        // With a 1.00 tick the sell goes up to 60188.00 (inwards, never further than the tolerance).
        ArbitrageMath.TryLimitPrices(6_000_000, Fee, 100, 6_020_000, Fee, 100, Margin, BasisPoints.FromWhole(2), out buy, out sell);
        Assert.That((buy, sell), Is.EqualTo((6_001_200L, 6_018_800L)));
    }

    [Test]
    public void ToleranceBeyondTheMarginIsCutWhereTheMarginStillHolds()
    {
        // 10 bps asked, 4.14 bps affordable: t = 414 raw → 60000.00 × 1.000414 = 60024.84; 60200.00 × 0.999586 = 60175.0772 → 60175.08.
        Assert.That(ArbitrageMath.TryLimitPrices(6_000_000, Fee, 1, 6_020_000, Fee, 1, Margin, BasisPoints.FromWhole(10), out var buy, out var sell), Is.True);
        Assert.That((buy, sell), Is.EqualTo((6_002_484L, 6_017_508L)));
        Assert.That(ArbitrageMath.NetEdge(buy, Fee, sell, Fee, Margin), Is.EqualTo((Int128)2_766_000), "60175.08 × 0.999 − 60024.84 × 1.0015 = 0.002766 ≥ 0");

        // One raw step further (415) would break it: 60024.90 / 60175.02.
        Assert.That(ArbitrageMath.NetEdge(6_002_490, Fee, 6_017_502, Fee, Margin) < 0, Is.True);
    }

    [Test]
    public void NoToleranceOrNoEdgeToSpareLeavesTheTopPrices()
    {
        ArbitrageMath.TryLimitPrices(6_000_000, Fee, 1, 6_020_000, Fee, 1, Margin, default, out var buy, out var sell);
        Assert.That((buy, sell), Is.EqualTo((6_000_000L, 6_020_000L)));

        // 100.00 / 100.25 is just below the margin (no opportunity): nothing to spend.
        ArbitrageMath.TryLimitPrices(10_000, Fee, 1, 10_025, Fee, 1, Margin, BasisPoints.FromWhole(50), out buy, out sell);
        Assert.That((buy, sell), Is.EqualTo((10_000L, 10_025L)));
    }

    [Test]
    public void TheLimitsNeverPromiseLessThanTheMinimumMargin()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var buyPrice = random.NextInt64(1_000, 10_000_000) * 100;
            var sellPrice = buyPrice + random.NextInt64(0, buyPrice / 50);
            var buyFee = new BasisPoints(random.NextInt64(0, 3_000));
            var sellFee = new BasisPoints(random.NextInt64(0, 3_000));
            var margin = new BasisPoints(random.NextInt64(0, 2_000));
            var tolerance = new BasisPoints(random.NextInt64(0, 10_000));
            long[] ticks = [1, 100, 10_000];
            var buyTick = ticks[random.Next(3)];
            var sellTick = ticks[random.Next(3)];
            ArbitrageMath.TryLimitPrices(buyPrice, buyFee, buyTick, sellPrice, sellFee, sellTick, margin, tolerance, out var buy, out var sell);
            Assert.That(buy, Is.GreaterThanOrEqualTo(buyPrice));
            Assert.That(sell, Is.LessThanOrEqualTo(sellPrice));
            Assert.That((Int128)(buy - buyPrice) * BasisPoints.RawPerUnit, Is.LessThanOrEqualTo((Int128)buyPrice * tolerance.Raw), "within the tolerance");
            Assert.That((Int128)(sellPrice - sell) * BasisPoints.RawPerUnit, Is.LessThanOrEqualTo((Int128)sellPrice * tolerance.Raw));
            if (ArbitrageMath.NetEdge(buyPrice, buyFee, sellPrice, sellFee, margin) >= 0)
            {
                Assert.That(ArbitrageMath.NetEdge(buy, buyFee, sell, sellFee, margin) >= 0, Is.True, $"{buyPrice}/{sellPrice} → {buy}/{sell}");
            }
        }
    }

    [Test]
    public void TheStrategySendsTheLegsThroughTheTopByTheTolerance()
    {
        // A: ask 100.00; B: bid 101.00. Edge 0.749 on a cost of 201.049: up to 37 bps affordable, 10 bps asked.
        var f = new ArbitrageFixture(ArbitrageFixture.Defaults() with { SlippageTolerance = BasisPoints.FromWhole(10) });
        f.Books(10_100);
        var commands = f.H.Commands();
        Assert.That(commands, Has.Count.EqualTo(2));
        Assert.That((commands[0].Instrument, commands[0].Side, commands[0].Price.Raw), Is.EqualTo((A, Side.Bid, 10_010L)), "100.00 × 1.001");
        Assert.That((commands[1].Instrument, commands[1].Side, commands[1].Price.Raw), Is.EqualTo((B, Side.Ask, 10_090L)), "101.00 × 0.999 = 100.899 → 100.90");
        Assert.That(f.Arb.ToleranceCapped, Is.Zero);

        var capped = new ArbitrageFixture(ArbitrageFixture.Defaults() with { SlippageTolerance = BasisPoints.FromWhole(100) });
        capped.Books(10_100);
        var legs = capped.H.Commands();
        Assert.That(capped.Arb.ToleranceCapped, Is.EqualTo(1));
        Assert.That(ArbitrageMath.NetEdge(legs[0].Price.Raw, BasisPoints.FromWhole(10), legs[1].Price.Raw, BasisPoints.FromWhole(10), BasisPoints.FromWhole(5)) >= 0, Is.True);
        Assert.That((legs[0].Price.Raw, legs[1].Price.Raw), Is.EqualTo((10_037L, 10_063L)), "t = 37.25 bps: 100.3725 → 100.37, 101 × 0.996275 = 100.6238 → 100.63");
    }

    [Test]
    public void ToleranceIsValidated()
    {
        Assert.That(() => (ArbitrageFixture.Defaults() with { SlippageTolerance = new BasisPoints(-1) }).Validate(), Throws.ArgumentException);
        Assert.That(() => (ArbitrageFixture.Defaults() with { TickSizeB = default }).Validate(), Throws.ArgumentException);
    }
}
