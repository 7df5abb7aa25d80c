using Velox.Core;
using Velox.Core.Numerics;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Strategies.Execution;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Risk;
using static Velox.Strategies.Tests.StrategyHarness;

namespace Velox.Strategies.Tests.MarketMaking;

public class MarketMakerBehaviourTests
{
    [Test]
    public void FairValueMovesWithinThreshold_NoChurn()
    {
        var f = new MarketMakerFixture();
        f.WideBook();
        Assert.That(f.H.Commands(), Has.Count.EqualTo(2));

        // Threshold 1 bps of fair×2 200200 is 20.02: moving the ask by up to 0.20 (fair×2 by 20) changes nothing.
        for (var i = 0; i < 1_000; i++)
        {
            f.Top(100_000, 20_000, 100_200 + ((i % 21) * 1), 20_000);
        }

        Assert.That(f.H.Commands(), Is.Empty);
        Assert.That(f.Maker.Requotes, Is.Zero);
        Assert.That(f.Maker.QuotesCancelled, Is.Zero);
        Assert.That(f.Maker.Decisions, Is.EqualTo(1_001));
    }

    [Test]
    public void FairValueMovesBeyondThreshold_CancelsAndReplacesBothQuotes()
    {
        var f = new MarketMakerFixture();
        f.WideBook();
        var first = f.H.Commands();
        f.Top(100_000, 20_000, 100_221, 20_000);

        // fair×2 200221 (moved 21 > 20.02): bid 1001.105 × 0.9995 = 1000.6044 → 1000.60; ask 1001.105 × 1.0005 = 1001.6056 → 1001.61.
        var commands = f.H.Commands();
        Assert.That(commands.Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.Cancel, SinkCommandKind.Cancel, SinkCommandKind.New, SinkCommandKind.New }));
        Assert.That(commands[0].ClientOrderId, Is.EqualTo(first[0].ClientOrderId));
        Assert.That(commands[1].ClientOrderId, Is.EqualTo(first[1].ClientOrderId));
        Assert.That((commands[2].Side, commands[2].Price.Raw), Is.EqualTo((Side.Bid, 100_060L)));
        Assert.That((commands[3].Side, commands[3].Price.Raw), Is.EqualTo((Side.Ask, 100_161L)));
        Assert.That(f.Maker.Requotes, Is.EqualTo(1));
        Assert.That(f.H.Order(first[0].ClientOrderId).State, Is.EqualTo(OrderState.PendingCancel));
        Assert.That(f.Maker.QuotedFairValue2, Is.EqualTo(200_221));
    }

    [Test]
    public void FastMove_ReplacementThatWouldCrossOurCancellingQuote_WaitsForTheCancelAck()
    {
        var f = new MarketMakerFixture();
        f.WideBook();
        var old = f.H.Commands();
        f.Top(99_000, 20_000, 99_100, 20_000);

        // Fair 990.50: new bid 990.0047 → 990.00 is placed; the new ask 990.995 → 991.00 would cross our old bid 1000.49
        // (still PendingCancel), so it is held back instead of being refused by risk as a self-trade.
        var commands = f.H.Commands();
        Assert.That(commands.Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.Cancel, SinkCommandKind.Cancel, SinkCommandKind.New }));
        Assert.That((commands[2].Side, commands[2].Price.Raw), Is.EqualTo((Side.Bid, 99_000L)));
        Assert.That(f.Maker.Deferred, Is.EqualTo(1));
        Assert.That(f.Maker.RiskRejects, Is.Zero);
        Assert.That(f.H.Engine.Risk.Rejections(RiskRejectReason.SelfTrade), Is.Zero);

        f.Host.OnExecutionReport(ExecutionReport.CancelAck(old[0].ClientOrderId));
        commands = f.H.Commands();
        Assert.That(commands, Has.Count.EqualTo(1));
        Assert.That((commands[0].Kind, commands[0].Side, commands[0].Price.Raw), Is.EqualTo((SinkCommandKind.New, Side.Ask, 99_100L)));
    }

    [Test]
    public void FilledQuote_IsReplaced_AndInventorySkewMovesTheOtherSide()
    {
        var f = new MarketMakerFixture(MarketMakerFixture.Defaults() with { InventorySkew = BasisPoints.FromWhole(20) });
        f.WideBook();
        var quotes = f.H.Commands();
        var bid = quotes[0].ClientOrderId;
        var ask = quotes[1].ClientOrderId;
        f.Host.OnExecutionReport(ExecutionReport.Ack(bid, 1));
        f.Host.OnExecutionReport(ExecutionReport.Ack(ask, 2));
        Assert.That(f.H.Commands(), Is.Empty);

        f.Host.OnExecutionReport(ExecutionReport.Fill(bid, 1, new Price(100_049), new Quantity(10_000), 0, Liquidity.Maker));

        // Long 1.0 of 5.0: fair×2 = 200200 − 200200 × 0.2 × 0.002 = 200200 − 80.08 → 200120 (1000.60), a move of 80 > 20:
        // the working ask is replaced and the filled bid re-placed. Bid 1000.60 × 0.9995 = 1000.0997 → 1000.09; ask 1001.1003 → 1001.11.
        var commands = f.H.Commands();
        Assert.That(commands.Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.Cancel, SinkCommandKind.New, SinkCommandKind.New }));
        Assert.That(commands[0].ClientOrderId, Is.EqualTo(ask));
        Assert.That((commands[1].Side, commands[1].Price.Raw), Is.EqualTo((Side.Bid, 100_009L)));
        Assert.That((commands[2].Side, commands[2].Price.Raw), Is.EqualTo((Side.Ask, 100_111L)));
        Assert.That(f.Maker.Fills, Is.EqualTo(1));
        Assert.That(f.H.Engine.Positions[A].Quantity.Raw, Is.EqualTo(10_000));
    }

    [Test]
    public void CancelledQuote_IsReplacedAtTheSamePrice()
    {
        var f = new MarketMakerFixture();
        f.WideBook();
        var quotes = f.H.Commands();
        f.Host.OnExecutionReport(ExecutionReport.Ack(quotes[1].ClientOrderId, 2));
        f.Host.OnExecutionReport(ExecutionReport.CancelAck(quotes[1].ClientOrderId));

        var commands = f.H.Commands();
        Assert.That(commands, Has.Count.EqualTo(1));
        Assert.That((commands[0].Kind, commands[0].Side, commands[0].Price.Raw), Is.EqualTo((SinkCommandKind.New, Side.Ask, 100_151L)));
        Assert.That(f.Maker.Quote(Side.Ask, 0).ClientOrderId, Is.EqualTo(commands[0].ClientOrderId));
    }

    [Test]
    public void InventoryNearLimit_ShrinksToTheLot_AtLimitStopsThatSide()
    {
        var parameters = MarketMakerFixture.Defaults() with { Levels = 3, LotSize = new Quantity(1_000) };
        var f = new MarketMakerFixture(parameters);
        f.H.Engine.Positions.ApplyFill(A, Side.Bid, new Price(100_000), new Quantity(42_500), 0);
        f.WideBook();

        // Room to buy 5.0 − 4.25 = 0.75 → one bid of 0.7 (lot 0.1); sells have room 9.25 → three asks of 1.0.
        var news = f.H.Commands();
        Assert.That(news.Where(c => c.Side == Side.Bid).Select(c => c.Quantity.Raw).ToList(), Has.Count.EqualTo(1).And.All.EqualTo(7_000L));
        Assert.That(news.Where(c => c.Side == Side.Ask).Select(c => c.Quantity.Raw).ToList(), Has.Count.EqualTo(3).And.All.EqualTo(10_000L));

        var atLimit = new MarketMakerFixture(parameters);
        atLimit.H.Engine.Positions.ApplyFill(A, Side.Bid, new Price(100_000), new Quantity(50_000), 0);
        atLimit.WideBook();
        news = atLimit.H.Commands();
        Assert.That(news.Count(c => c.Side == Side.Bid), Is.Zero);
        Assert.That(news.Count(c => c.Side == Side.Ask), Is.EqualTo(3));

        var shortAtLimit = new MarketMakerFixture(parameters);
        shortAtLimit.H.Engine.Positions.ApplyFill(A, Side.Ask, new Price(100_000), new Quantity(50_000), 0);
        shortAtLimit.WideBook();
        news = shortAtLimit.H.Commands();
        Assert.That(news.Count(c => c.Side == Side.Ask), Is.Zero);
        Assert.That(news.Count(c => c.Side == Side.Bid), Is.EqualTo(3));
    }

    [Test]
    public void FillReachingTheLimit_CancelsTheWorkingQuoteOnThatSide()
    {
        var f = new MarketMakerFixture(MarketMakerFixture.Defaults() with { Levels = 2, MaxInventory = new Quantity(20_000) });
        f.WideBook();
        var quotes = f.H.Commands();
        var bid0 = quotes.First(c => c.Side == Side.Bid).ClientOrderId;
        var bid1 = quotes.Last(c => c.Side == Side.Bid).ClientOrderId;
        f.Host.OnExecutionReport(ExecutionReport.Ack(bid0, 1));
        f.Host.OnExecutionReport(ExecutionReport.Ack(bid1, 2));
        f.Host.OnExecutionReport(ExecutionReport.Fill(bid0, 1, new Price(100_049), new Quantity(10_000), 0));

        // Long 1.0 of 2.0: room 1.0 → level 0 may hold 1.0, level 1 nothing: the level-1 bid is cancelled, level 0 refilled.
        var commands = f.H.Commands();
        Assert.That(commands.Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.Cancel, SinkCommandKind.New }));
        Assert.That(commands[0].ClientOrderId, Is.EqualTo(bid1));
        Assert.That((commands[1].Side, commands[1].Quantity.Raw), Is.EqualTo((Side.Bid, 10_000L)));
        Assert.That(f.Maker.Quote(Side.Bid, 1).IsEmpty, Is.True);
    }

    [Test]
    public void ReduceOnlyBreaker_QuotesOnlyTheReducingSide()
    {
        var f = new MarketMakerFixture(MarketMakerFixture.Defaults() with { Levels = 3 }, breakers: new BreakerOptions { MaxDailyLoss = 1, DailyLossMode = TradingMode.ReduceOnly });
        f.H.Engine.Positions.ApplyFill(A, Side.Bid, new Price(100_000), new Quantity(20_000), 0);
        f.H.Breakers.OnRealizedPnl(-1);
        Assert.That(f.H.Breakers.Mode, Is.EqualTo(TradingMode.ReduceOnly));
        f.WideBook();

        // Long 2.0: only asks, at most 2.0 in total.
        var news = f.H.Commands();
        Assert.That(news.Select(c => (c.Side, c.Quantity.Raw)), Is.EqualTo(new[] { (Side.Ask, 10_000L), (Side.Ask, 10_000L) }));
        Assert.That(f.Maker.RiskRejects, Is.Zero);
    }

    [Test]
    public void KillSwitch_CancelsRestingQuotesThroughTheEngine_AndStopsQuoting()
    {
        var f = new MarketMakerFixture(acknowledge: true);
        f.WideBook();
        var quotes = f.H.Commands();
        Assert.That(f.DrainVenue(), Is.EqualTo(2));
        Assert.That(f.H.Order(quotes[0].ClientOrderId).State, Is.EqualTo(OrderState.New));

        f.H.KillSwitch.Engage();
        f.Top(100_000, 20_000, 100_300, 20_000);

        var commands = f.H.Commands();
        Assert.That(commands.Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.CancelAll }));
        Assert.That(f.H.Order(quotes[0].ClientOrderId).State, Is.EqualTo(OrderState.PendingCancel));
        Assert.That(f.H.Order(quotes[1].ClientOrderId).State, Is.EqualTo(OrderState.PendingCancel));
        Assert.That(f.Maker.Quote(Side.Bid, 0).IsEmpty && f.Maker.Quote(Side.Ask, 0).IsEmpty, Is.True);
        Assert.That(f.Host.Router.StopsEnforced, Is.EqualTo(1));

        Assert.That(f.DrainVenue(), Is.EqualTo(2));
        Assert.That(f.H.Order(quotes[0].ClientOrderId).State, Is.EqualTo(OrderState.Cancelled));
        for (var i = 0; i < 10; i++)
        {
            f.Top(100_000, 20_000, 100_300 + (i * 50), 20_000);
            f.Host.OnTimer(f.H.Clock.NowNanos());
        }

        Assert.That(f.H.Commands(), Is.Empty, "nothing is sent while the kill switch is engaged");
        Assert.That(f.H.Engine.Orders.OpenOrders, Is.Zero);
        Assert.That(f.Maker.StoppedDecisions, Is.GreaterThanOrEqualTo(20));
        Assert.That(f.Host.Router.StopsEnforced, Is.EqualTo(1), "one cancel-all per stop");

        f.H.KillSwitch.Release();
        f.WideBook();
        Assert.That(f.H.Commands().Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.New, SinkCommandKind.New }));
    }

    [Test]
    public void HaltBreaker_OnTimer_CancelsQuotesAndStopsQuoting()
    {
        var f = new MarketMakerFixture(breakers: new BreakerOptions { MaxErrors = 2, ErrorMode = TradingMode.Halt });
        f.WideBook();
        var quotes = f.H.Commands();
        f.H.Breakers.OnError(f.H.Clock.NowNanos());
        f.H.Breakers.OnError(f.H.Clock.NowNanos());
        f.Host.OnTimer(f.H.Clock.NowNanos());

        Assert.That(f.H.Commands().Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.CancelAll }));
        Assert.That(f.H.Order(quotes[0].ClientOrderId).State, Is.EqualTo(OrderState.PendingCancel));
        f.WideBook();
        Assert.That(f.H.Commands(), Is.Empty);
        Assert.That(f.Host.Router.IsStopped, Is.True);
    }

    [Test]
    public void RiskReject_IsCountedNothingIsSent_AndRetriedAfterBackoff()
    {
        var risk = new RiskOptions
        {
            DefaultLimits = new InstrumentRiskLimits { MaxOrderQuantity = 5_000 },
            VenueOrderBurst = 1_000_000,
            VenueOrdersPerSecond = 1_000_000,
        };
        var f = new MarketMakerFixture(risk: risk);
        f.WideBook();

        Assert.That(f.H.Commands(), Is.Empty);
        Assert.That(f.Maker.RiskRejects, Is.EqualTo(1), "the first refusal blocks further orders in the same decision");
        Assert.That(f.Maker.LastRejectReason, Is.EqualTo(RiskRejectReason.MaxOrderQuantity));
        Assert.That(f.H.Engine.Risk.Rejections(RiskRejectReason.MaxOrderQuantity), Is.EqualTo(1));
        Assert.That(f.H.Engine.Orders.OpenOrders, Is.Zero);

        f.H.Clock.Advance(50_000_000);
        f.WideBook();
        Assert.That(f.Maker.RiskRejects, Is.EqualTo(1), "within the 100 ms backoff");

        f.H.Clock.Advance(50_000_000);
        f.WideBook();
        Assert.That(f.Maker.RiskRejects, Is.EqualTo(2));
        Assert.That(f.H.Commands(), Is.Empty);
    }

    [Test]
    public void BookOutOfSync_CancelsQuotes_AndQuotesAgainWhenBack()
    {
        var f = new MarketMakerFixture();
        f.WideBook();
        var quotes = f.H.Commands();
        f.Host.OnBookState(A, BookSyncState.Resyncing);

        var commands = f.H.Commands();
        Assert.That(commands.Select(c => (c.Kind, c.ClientOrderId)), Is.EqualTo(new[] { (SinkCommandKind.Cancel, quotes[0].ClientOrderId), (SinkCommandKind.Cancel, quotes[1].ClientOrderId) }));
        f.WideBook();
        Assert.That(f.H.Commands(), Is.Empty, "no quotes on a book that is not in sync");

        f.Host.OnBookState(A, BookSyncState.InSync);
        f.WideBook();
        Assert.That(f.H.Commands().Count(c => c.Kind == SinkCommandKind.New), Is.EqualTo(2));
    }

    [Test]
    public void SnapshotLevels_AreNotDecidedOnUntilTheSnapshotEnds()
    {
        var f = new MarketMakerFixture();
        f.H.SetTop(A, 100_000, 20_000, 100_200, 20_000);
        f.Host.OnBookUpdate(f.H.Update(A, BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin));
        Assert.That(f.H.Commands(), Is.Empty);
        Assert.That(f.Host.SnapshotLevelsDeferred, Is.EqualTo(1));

        f.Host.OnBookUpdate(f.H.Update(A, BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotEnd));
        Assert.That(f.H.Commands(), Has.Count.EqualTo(2));
    }

    [Test]
    public void InvalidParameters_NameTheField()
    {
        var h = new StrategyHarness();
        Assert.That(
            () => new Strategies.MarketMaking.MarketMaker<DryRunSink>(MarketMakerFixture.Defaults() with { QuoteSize = new Quantity(15), LotSize = new Quantity(10) }, h.Router, h.Clock),
            Throws.ArgumentException.With.Message.Contains("QuoteSize"));
        Assert.That(
            () => new Strategies.MarketMaking.MarketMaker<DryRunSink>(MarketMakerFixture.Defaults() with { Spread = default }, h.Router, h.Clock),
            Throws.ArgumentException.With.Message.Contains("Spread"));
    }
}
