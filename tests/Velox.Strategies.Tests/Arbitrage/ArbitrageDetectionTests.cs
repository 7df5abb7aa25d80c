using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.MarketData.Sync;
using Velox.Strategies.Arbitrage;
using Velox.Strategies.Execution;
using Velox.Trading.Orders;
using static Velox.Strategies.Tests.StrategyHarness;

namespace Velox.Strategies.Tests.Arbitrage;

/// <summary>
/// Opportunity detection. With 10 bps taker fees on both venues and a 5 bps margin, buying A at 100.00 needs a bid on
/// B of at least 100 × (1 + 0.0010 + 0.0005) / (1 − 0.0010) = 100.2502…: 100.25 is just below, 100.26 just above.
/// </summary>
public class ArbitrageDetectionTests
{
    [Test]
    public void NetEdge_IsExactAtTheMargin()
    {
        var fee = BasisPoints.FromWhole(10);
        var margin = BasisPoints.FromWhole(5);

        // 100.25 × 0.999 − 100.00 × 1.0015 = 100.14975 − 100.15 = −0.00025 (raw × 10^6: −25,000); 100.26 → +0.00974.
        Assert.That(ArbitrageMath.NetEdge(10_000, fee, 10_025, fee, margin), Is.EqualTo((Int128)(-25_000)));
        Assert.That(ArbitrageMath.NetEdge(10_000, fee, 10_026, fee, margin), Is.EqualTo((Int128)974_000));

        // Without fees a 25 bps margin is met exactly by 100.25 (inclusive) and missed by 100.24.
        Assert.That(ArbitrageMath.NetEdge(10_000, default, 10_025, default, BasisPoints.FromWhole(25)), Is.EqualTo(Int128.Zero));
        Assert.That(ArbitrageMath.NetEdge(10_000, default, 10_024, default, BasisPoints.FromWhole(25)) < 0, Is.True);
        Assert.That(ArbitrageMath.CommonLot(10, 4), Is.EqualTo(20));
        Assert.That(ArbitrageMath.CommonLot(1, 1), Is.EqualTo(1));
    }

    [Test]
    public void JustBelowTheThreshold_NoOrders()
    {
        var f = new ArbitrageFixture();
        f.Books(10_025);

        Assert.That(f.Arb.Checks, Is.EqualTo(1));
        Assert.That(f.Arb.Opportunities, Is.Zero);
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Detecting));
        Assert.That(f.H.Commands(), Is.Empty);
    }

    [Test]
    public void JustAboveTheThreshold_SendsBothLegsAsIocLimits()
    {
        var f = new ArbitrageFixture();
        f.Books(10_026);

        Assert.That(f.Arb.Opportunities, Is.EqualTo(1));
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Executing));
        var commands = f.H.Commands();
        Assert.That(commands, Has.Count.EqualTo(2));
        AssertLeg(commands[0], A, Side.Bid, 10_000, 5_000);
        AssertLeg(commands[1], B, Side.Ask, 10_026, 5_000);
        Assert.That(f.Events().Select(e => e.Kind), Is.EqualTo(new[] { ArbitrageEventKind.OpportunityFound, ArbitrageEventKind.LegsSent }));
    }

    [Test]
    public void FeesAreCounted_AnEdgeThatOnlyBeatsTheMarginIsRejected()
    {
        // Fees 0: 100.05 ≥ 100 × 1.0005 is an opportunity; with 10 bps fees on both sides the same prices are not.
        var free = new ArbitrageFixture(ArbitrageFixture.Defaults() with { TakerFeeA = default, TakerFeeB = default });
        free.Books(10_005);
        Assert.That(free.Arb.Opportunities, Is.EqualTo(1));

        var tooEarly = new ArbitrageFixture(ArbitrageFixture.Defaults() with { TakerFeeA = default, TakerFeeB = default });
        tooEarly.Books(10_004);
        Assert.That(tooEarly.Arb.Opportunities, Is.Zero);

        var charged = new ArbitrageFixture();
        charged.Books(10_005);
        Assert.That(charged.Arb.Opportunities, Is.Zero);
        Assert.That(charged.Arb.Checks, Is.EqualTo(1));
    }

    [Test]
    public void OpportunityTheOtherWay_BuysOnBSellsOnA()
    {
        var f = new ArbitrageFixture();
        f.Top(A, 10_026, 5_000, 10_036, 20_000);
        f.Top(B, 9_990, 20_000, 10_000, 20_000);

        var commands = f.H.Commands();
        AssertLeg(commands[0], B, Side.Bid, 10_000, 5_000);
        AssertLeg(commands[1], A, Side.Ask, 10_026, 5_000);
    }

    [Test]
    public void Size_IsTopOfBookCappedByConfigAndRoundedToBothLots()
    {
        var capped = new ArbitrageFixture();
        capped.Books(10_026, bidSizeB: 30_000);
        Assert.That(capped.H.Commands().Select(c => c.Quantity.Raw).ToList(), Has.Count.EqualTo(2).And.All.EqualTo(10_000L), "capped at MaxQuantity 1.0");

        // Lots 0.0010 and 0.0004 → common lot 0.0020: 0.4999 on B's bid → 0.4980.
        var lots = new ArbitrageFixture(ArbitrageFixture.Defaults() with { LotSizeA = new Quantity(10), LotSizeB = new Quantity(4) });
        lots.Books(10_026, bidSizeB: 4_999);
        Assert.That(lots.H.Commands().Select(c => c.Quantity.Raw).ToList(), Has.Count.EqualTo(2).And.All.EqualTo(4_980L));

        var small = new ArbitrageFixture();
        small.Books(10_026, bidSizeB: 99);
        Assert.That(small.Arb.TooSmall, Is.EqualTo(1));
        Assert.That(small.H.Commands(), Is.Empty);
    }

    [Test]
    public void StaleBook_IsNotTradedOn()
    {
        var f = new ArbitrageFixture();
        f.Top(A, 9_990, 20_000, 10_000, 20_000);
        f.H.Clock.Advance(500_000_001);
        var skipped = f.Arb.StaleSkips;
        f.Top(B, 10_026, 5_000, 10_036, 20_000);

        Assert.That(f.Arb.StaleSkips, Is.EqualTo(skipped + 1), "A's book is 500.000001 ms old");
        Assert.That(f.Arb.Opportunities, Is.Zero);
        Assert.That(f.H.Commands(), Is.Empty);

        // Exactly at the age limit counts as fresh.
        f.H.Clock.Advance(500_000_000);
        f.Top(A, 9_990, 20_000, 10_000, 20_000);
        Assert.That(f.Arb.Opportunities, Is.EqualTo(1));
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Executing));
        Assert.That(f.H.Commands(), Has.Count.EqualTo(2));
    }

    [Test]
    public void BookOutOfSync_GoesIdle_AndDoesNotTrade()
    {
        var f = new ArbitrageFixture();
        f.Books(10_000);
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Detecting));
        f.Host.OnBookState(B, BookSyncState.Resyncing);
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Idle));

        f.Books(10_026);
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Idle));
        Assert.That(f.H.Commands(), Is.Empty);

        f.Host.OnBookState(B, BookSyncState.InSync);
        f.Books(10_026);
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Executing));
    }

    [Test]
    public void KillSwitch_GoesIdle_NoOrders_UntilReleased()
    {
        var f = new ArbitrageFixture();
        f.Books(10_000);
        f.H.KillSwitch.Engage();
        f.Books(10_026);
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Idle));
        Assert.That(f.H.Commands().Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.CancelAll }));

        f.H.KillSwitch.Release();
        f.Books(10_026);
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Executing));
        Assert.That(f.H.Commands(), Has.Count.EqualTo(2));
    }

    [Test]
    public void InstrumentsWithDifferentScales_AreRefusedAtConstruction()
    {
        var h = new StrategyHarness();
        h.Registry.Add("kraken", "XBT/USD", 1, 8);
        var parameters = ArbitrageFixture.Defaults() with { InstrumentB = new InstrumentId(2) };
        Assert.That(
            () => new CrossVenueArbitrage<DryRunSink>(parameters, h.Registry, h.Router, h.Clock),
            Throws.ArgumentException.With.Message.Contains("share price and size scales"));
        Assert.That(
            () => new CrossVenueArbitrage<DryRunSink>(ArbitrageFixture.Defaults() with { MinQuantity = new Quantity(0) }, h.Registry, h.Router, h.Clock),
            Throws.ArgumentException.With.Message.Contains("MinQuantity"));
    }

    private static void AssertLeg(SinkCommand command, InstrumentId instrument, Side side, long price, long quantity)
    {
        Assert.That(command.Kind, Is.EqualTo(SinkCommandKind.New));
        Assert.That(command.Instrument, Is.EqualTo(instrument));
        Assert.That(command.Side, Is.EqualTo(side));
        Assert.That(command.Type, Is.EqualTo(OrderType.Limit));
        Assert.That(command.TimeInForce, Is.EqualTo(TimeInForce.ImmediateOrCancel));
        Assert.That(command.Price.Raw, Is.EqualTo(price));
        Assert.That(command.Quantity.Raw, Is.EqualTo(quantity));
    }
}
