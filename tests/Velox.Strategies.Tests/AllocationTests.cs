using Velox.Core;
using Velox.Core.Numerics;
using Velox.Strategies.Arbitrage;
using Velox.Strategies.MarketMaking;
using Velox.Strategies.Tests.Arbitrage;
using Velox.Strategies.Tests.MarketMaking;
using Velox.Trading.Oms;
using static Velox.Strategies.Tests.StrategyHarness;

namespace Velox.Strategies.Tests;

/// <summary>Tick → decision → risk → OMS → sink (and the venue's answers back) allocates nothing after warm-up.</summary>
public class AllocationTests
{
    private const int WarmUp = 2_000;
    private const int Ticks = 10_000;

    [Test]
    public void MarketMaker_RequotingEveryTick_AllocatesNothing()
    {
        var f = new MarketMakerFixture(MarketMakerFixture.Defaults() with { Levels = 3, ImbalanceSkew = BasisPoints.FromWhole(5), InventorySkew = BasisPoints.FromWhole(5) }, acknowledge: true);
        long fillId = 0;
        Run(f, WarmUp, ref fillId);
        var placed = f.Maker.QuotesPlaced;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(f, Ticks, ref fillId);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);

        // Every tick moves the fair value beyond the threshold: all six quotes are replaced each time.
        Assert.That(f.Maker.QuotesPlaced - placed, Is.EqualTo(Ticks * 6));
        Assert.That(f.Maker.RiskRejects + f.Maker.Refusals, Is.Zero);
        Assert.That(f.Maker.Fills, Is.EqualTo((WarmUp + Ticks) / 100));
    }

    [Test]
    public void MarketMaker_AmendingEveryTick_AllocatesNothing()
    {
        var parameters = MarketMakerFixture.Defaults() with
        {
            Levels = 3,
            ImbalanceSkew = BasisPoints.FromWhole(5),
            InventorySkew = BasisPoints.FromWhole(5),
            Requote = RequoteMethod.Amend,
        };
        var f = new MarketMakerFixture(parameters, acknowledge: true);
        long fillId = 0;
        Run(f, WarmUp, ref fillId);
        var placed = f.Maker.QuotesPlaced;
        var amended = f.Maker.QuotesAmended;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(f, Ticks, ref fillId);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);

        // Every tick moves all six quotes; each is amended in place (the venue acks the amends), none re-placed.
        Assert.That(f.Maker.QuotesAmended - amended, Is.EqualTo(Ticks * 6));
        Assert.That(f.Maker.QuotesPlaced - placed, Is.Zero);
        Assert.That(f.Maker.RiskRejects + f.Maker.Refusals + f.Maker.AmendsRefused, Is.Zero);
        Assert.That(f.H.Engine.Orders.IllegalTransitions, Is.Zero);
    }

    [Test]
    public void Arbitrage_OpportunityEveryTick_AllocatesNothing()
    {
        var f = new ArbitrageFixture(ArbitrageFixture.Defaults() with { CooldownNanos = 0 }, acknowledge: true);
        Run(f, WarmUp);
        var opportunities = f.Arb.Opportunities;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(f, Ticks);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);

        // The dry-run venue never trades: each cycle's IOC legs expire and the cycle fails with nothing open.
        Assert.That(f.Arb.Opportunities - opportunities, Is.EqualTo(Ticks));
        f.DrainVenue();
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Failed));
        Assert.That(f.Arb.Machine.IllegalTransitions, Is.Zero);
        Assert.That(f.H.Engine.Positions[A].Quantity.Raw, Is.Zero);
    }

    private static void Run(MarketMakerFixture f, int ticks, ref long fillId)
    {
        for (var i = 0; i < ticks; i++)
        {
            f.H.Clock.Advance(1_000);
            var ask = (i & 1) == 0 ? 100_200 : 100_260;
            f.Top(100_000, 20_000 + (i & 7), ask, 20_000);
            f.DrainVenue();
            if (i % 100 == 99)
            {
                var bid = f.Maker.Quote(Side.Bid, 0);
                f.Host.OnExecutionReport(ExecutionReport.Fill(bid.ClientOrderId, ++fillId, new Price(bid.Price), new Quantity(1), 0, Liquidity.Maker));
            }
        }
    }

    private static void Run(ArbitrageFixture f, int ticks)
    {
        for (var i = 0; i < ticks; i++)
        {
            f.H.Clock.Advance(1_000);
            f.Top(A, 9_990, 20_000, 10_000, 20_000);
            f.Top(B, 10_026 + (i & 3), 5_000, 10_040, 20_000);
            f.DrainVenue();
            f.Host.OnTimer(f.H.Clock.NowNanos());
        }
    }
}
