using Velox.Core;
using Velox.Core.Numerics;
using Velox.Strategies.Execution;
using Velox.Strategies.MarketMaking;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Risk;
using static Velox.Strategies.Tests.StrategyHarness;

namespace Velox.Strategies.Tests.MarketMaking;

/// <summary><see cref="RequoteMethod.Amend"/>: which requotes become amends, and the fallbacks to cancel + new.</summary>
public class MarketMakerAmendTests
{
    private static MarketMakerFixture Amending(RiskOptions? risk = null) =>
        new(MarketMakerFixture.Defaults() with { Requote = RequoteMethod.Amend }, risk);

    /// <summary>The wide book's quotes (bid 1000.49, ask 1001.51), both acknowledged; returns (bid, ask) client order ids.</summary>
    private static (long Bid, long Ask) AckedQuotes(MarketMakerFixture f)
    {
        f.WideBook();
        var quotes = f.H.Commands();
        Assert.That(quotes.Select(c => (c.Kind, c.Side, c.Price.Raw)), Is.EqualTo(new[] { (SinkCommandKind.New, Side.Bid, 100_049L), (SinkCommandKind.New, Side.Ask, 100_151L) }));
        f.Host.OnExecutionReport(ExecutionReport.Ack(quotes[0].ClientOrderId, 11));
        f.Host.OnExecutionReport(ExecutionReport.Ack(quotes[1].ClientOrderId, 12));
        Assert.That(f.H.Commands(), Is.Empty);
        return (quotes[0].ClientOrderId, quotes[1].ClientOrderId);
    }

    [Test]
    public void AckedQuotes_BeyondTheThreshold_AreAmendedInPlace()
    {
        var f = Amending();
        var (bid, ask) = AckedQuotes(f);
        f.Top(100_000, 20_000, 100_221, 20_000);

        // The same move that cancels and replaces both quotes in cancel-new mode: two amends, same client order ids.
        var commands = f.H.Commands();
        Assert.That(
            commands.Select(c => (c.Kind, c.ClientOrderId, c.Price.Raw, c.Quantity.Raw)),
            Is.EqualTo(new[] { (SinkCommandKind.Amend, bid, 100_060L, 10_000L), (SinkCommandKind.Amend, ask, 100_161L, 10_000L) }));
        Assert.That(f.H.Order(bid).State, Is.EqualTo(OrderState.PendingReplace));
        Assert.That(f.H.Order(bid).PendingPrice.Raw, Is.EqualTo(100_060));
        Assert.That(f.H.Engine.Risk.Passed, Is.EqualTo(4), "both amends passed pre-trade risk");

        f.Host.OnExecutionReport(ExecutionReport.ReplaceAck(bid));
        f.Host.OnExecutionReport(ExecutionReport.ReplaceAck(ask));
        Assert.Multiple(() =>
        {
            Assert.That(f.H.Commands(), Is.Empty, "nothing more to do once both amends are acknowledged");
            Assert.That((f.H.Order(bid).State, f.H.Order(bid).Price.Raw), Is.EqualTo((OrderState.Replaced, 100_060L)));
            Assert.That((f.H.Order(ask).State, f.H.Order(ask).Price.Raw), Is.EqualTo((OrderState.Replaced, 100_161L)));
            Assert.That(f.Maker.QuotesAmended, Is.EqualTo(2));
            Assert.That(f.Maker.QuotesCancelled, Is.Zero);
            Assert.That(f.Maker.QuotesPlaced, Is.EqualTo(2));
            Assert.That(f.H.Engine.Orders.OpenOrders, Is.EqualTo(2));
        });

        // A replaced quote is amended again on the next move.
        f.Top(100_000, 20_000, 100_200, 20_000);
        Assert.That(f.H.Commands().Select(c => (c.Kind, c.Price.Raw)), Is.EqualTo(new[] { (SinkCommandKind.Amend, 100_049L), (SinkCommandKind.Amend, 100_151L) }));
    }

    [Test]
    public void CancelNewMode_NeverAmends()
    {
        var f = new MarketMakerFixture();
        AckedQuotes(f);
        f.Top(100_000, 20_000, 100_221, 20_000);
        Assert.That(f.H.Commands().Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.Cancel, SinkCommandKind.Cancel, SinkCommandKind.New, SinkCommandKind.New }));
        Assert.That(f.Maker.QuotesAmended, Is.Zero);
    }

    [Test]
    public void QuotesNotYetAcknowledged_AreCancelledAndReplaced()
    {
        var f = Amending();
        f.WideBook();
        var first = f.H.Commands();
        f.Top(100_000, 20_000, 100_221, 20_000);

        // PendingNew orders cannot be amended (the venue has no id for them yet).
        var commands = f.H.Commands();
        Assert.That(commands.Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.Cancel, SinkCommandKind.Cancel, SinkCommandKind.New, SinkCommandKind.New }));
        Assert.That(commands[0].ClientOrderId, Is.EqualTo(first[0].ClientOrderId));
        Assert.That(f.Maker.QuotesAmended, Is.Zero);
    }

    [Test]
    public void VenueRefusesTheAmend_TheOrderKeepsItsOldPrice_AndTheQuoteIsCancelledAndReplaced()
    {
        var f = Amending();
        var (bid, ask) = AckedQuotes(f);
        f.Top(100_000, 20_000, 100_221, 20_000);
        f.H.Commands();

        f.Host.OnExecutionReport(ExecutionReport.ReplaceReject(bid, 7));

        // The OMS returns the bid to New at 1000.49; the maker moves that quote by cancel + new instead.
        var commands = f.H.Commands();
        Assert.Multiple(() =>
        {
            Assert.That(commands.Select(c => (c.Kind, c.Side)), Is.EqualTo(new[] { (SinkCommandKind.Cancel, Side.Bid), (SinkCommandKind.New, Side.Bid) }));
            Assert.That(commands[0].ClientOrderId, Is.EqualTo(bid));
            Assert.That(commands[1].Price.Raw, Is.EqualTo(100_060));
            Assert.That(f.H.Order(bid).RejectCode, Is.EqualTo(7));
            Assert.That(f.H.Order(bid).Price.Raw, Is.EqualTo(100_049));
            Assert.That(f.H.Order(ask).State, Is.EqualTo(OrderState.PendingReplace), "the ask's amend is still on its way");
            Assert.That(f.Maker.AmendsRefused, Is.EqualTo(1));
            Assert.That(f.H.Engine.Orders.IllegalTransitions, Is.Zero);
        });
    }

    [Test]
    public void FillRacingTheAmend_IsBooked_AndTheAmendedOrderKeepsItsFill()
    {
        var f = Amending();
        var (bid, _) = AckedQuotes(f);
        f.Top(100_000, 20_000, 100_221, 20_000);
        f.H.Commands();

        // The old bid trades at the venue before the amend gets there.
        f.Host.OnExecutionReport(ExecutionReport.Fill(bid, 1, new Price(100_049), new Quantity(4_000), 0, Liquidity.Maker));
        Assert.That(f.H.Order(bid).State, Is.EqualTo(OrderState.PendingReplace));
        Assert.That(f.H.Commands(), Is.Empty, "the quote in flight still has the target price and size");

        f.Host.OnExecutionReport(ExecutionReport.ReplaceAck(bid));
        var order = f.H.Order(bid);
        Assert.That((order.State, order.Price.Raw, order.Quantity.Raw, order.Filled.Raw, order.Leaves.Raw), Is.EqualTo((OrderState.Replaced, 100_060L, 10_000L, 4_000L, 6_000L)));

        // The rest fills at the new price: the order completes and a new bid is placed.
        f.Host.OnExecutionReport(ExecutionReport.Fill(bid, 2, new Price(100_060), new Quantity(6_000), 0, Liquidity.Maker));
        Assert.That(f.H.Order(bid).State, Is.EqualTo(OrderState.Filled));
        Assert.That(f.H.Engine.Positions[A].Quantity.Raw, Is.EqualTo(10_000));
        Assert.That(f.Maker.Fills, Is.EqualTo(2));
        Assert.That(f.H.Commands().Select(c => (c.Kind, c.Side)), Is.EqualTo(new[] { (SinkCommandKind.New, Side.Bid) }));
    }

    [Test]
    public void OrderFilledBeforeTheAmendArrives_TheVenuesRejectIsStale_AndTheQuoteIsReplaced()
    {
        var f = Amending();
        var (bid, _) = AckedQuotes(f);
        f.Top(100_000, 20_000, 100_221, 20_000);
        f.H.Commands();

        f.Host.OnExecutionReport(ExecutionReport.Fill(bid, 1, new Price(100_049), new Quantity(10_000), 0, Liquidity.Maker));
        Assert.That(f.H.Order(bid).State, Is.EqualTo(OrderState.Filled));
        Assert.That(f.H.Commands().Select(c => (c.Kind, c.Side)), Is.EqualTo(new[] { (SinkCommandKind.New, Side.Bid) }));

        // The venue no longer has the order when the amend arrives.
        Assert.That(f.H.Router.OnReport(ExecutionReport.ReplaceReject(bid, 3)), Is.EqualTo(ReportOutcome.Stale));
        Assert.That(f.H.Engine.Orders.IllegalTransitions, Is.Zero);
        Assert.That(f.H.Engine.Positions[A].Quantity.Raw, Is.EqualTo(10_000));
    }

    [Test]
    public void AmendThatWouldCrossOurOwnOrder_CancelsTheQuote_AndPlacesItOnceTheOtherOrderMoved()
    {
        var f = Amending();
        var (bid, ask) = AckedQuotes(f);
        f.Top(99_000, 20_000, 99_100, 20_000);

        // Fair 990.50: the bid is amended down to 990.00; the ask's new price 991.00 would cross our bid, which is
        // still at 1000.49 until its amend is acknowledged, so the ask is cancelled and its replacement held back.
        var commands = f.H.Commands();
        Assert.That(commands.Select(c => (c.Kind, c.ClientOrderId)), Is.EqualTo(new[] { (SinkCommandKind.Amend, bid), (SinkCommandKind.Cancel, ask) }));
        Assert.That(commands[0].Price.Raw, Is.EqualTo(99_000));
        Assert.That(f.Maker.Deferred, Is.EqualTo(1));
        Assert.That(f.H.Engine.Risk.Rejections(RiskRejectReason.SelfTrade), Is.Zero);

        f.Host.OnExecutionReport(ExecutionReport.ReplaceAck(bid));
        commands = f.H.Commands();
        Assert.That(commands.Select(c => (c.Kind, c.Side, c.Price.Raw)), Is.EqualTo(new[] { (SinkCommandKind.New, Side.Ask, 99_100L) }));
    }

    [Test]
    public void AmendRefusedByRisk_CancelsTheQuotes_AndBacksOff()
    {
        // Two orders' worth of rate-limit tokens and a clock that does not move: the quotes take both, so the first
        // amend is refused by risk (an amend is a message to the venue, it takes a token too).
        var risk = new RiskOptions { VenueOrderBurst = 2, VenueOrdersPerSecond = 1, MaxMarketDataAgeNanos = 1_000_000_000 };
        var f = Amending(risk);
        var (bid, ask) = AckedQuotes(f);
        f.Top(100_000, 20_000, 100_221, 20_000);

        var commands = f.H.Commands();
        Assert.Multiple(() =>
        {
            Assert.That(commands.Select(c => (c.Kind, c.ClientOrderId)), Is.EqualTo(new[] { (SinkCommandKind.Cancel, bid), (SinkCommandKind.Cancel, ask) }));
            Assert.That(f.Maker.RiskRejects, Is.EqualTo(1));
            Assert.That(f.Maker.LastRejectReason, Is.EqualTo(RiskRejectReason.RateLimit));
            Assert.That(f.H.Order(bid).State, Is.EqualTo(OrderState.PendingCancel), "the refused amend left the order as it was; then it was cancelled");
            Assert.That(f.Maker.QuotesAmended, Is.Zero);
        });
    }

    [Test]
    public void MoveWhileTheAmendIsUnanswered_WaitsForTheAnswer_ThenAmendsToTheLatestPrice()
    {
        var f = Amending();
        var (bid, ask) = AckedQuotes(f);
        f.Top(100_000, 20_000, 100_221, 20_000);
        f.H.Commands();

        // Back to the first book before the venue answered: the orders can be neither amended nor cancelled yet.
        f.Top(100_000, 20_000, 100_200, 20_000);
        Assert.That(f.H.Commands(), Is.Empty);
        Assert.That(f.H.Engine.Orders.IllegalTransitions, Is.Zero, "no cancel was tried on an order with an amend in flight");
        Assert.That(f.Maker.Quote(Side.Bid, 0).Stale, Is.True);

        f.Host.OnExecutionReport(ExecutionReport.ReplaceAck(bid));
        Assert.That(f.H.Commands().Select(c => (c.Kind, c.ClientOrderId, c.Price.Raw)), Is.EqualTo(new[] { (SinkCommandKind.Amend, bid, 100_049L) }));
        f.Host.OnExecutionReport(ExecutionReport.ReplaceAck(ask));
        Assert.That(f.H.Commands().Select(c => (c.Kind, c.ClientOrderId, c.Price.Raw)), Is.EqualTo(new[] { (SinkCommandKind.Amend, ask, 100_151L) }));
        Assert.That(f.H.Engine.Orders.OpenOrders, Is.EqualTo(2), "no order was orphaned");
    }

    [Test]
    public void BookOutOfSyncWhileAnAmendIsUnanswered_CancelsOnceTheAmendIsAnswered()
    {
        var f = Amending();
        var (bid, ask) = AckedQuotes(f);
        f.Top(100_000, 20_000, 100_221, 20_000);
        f.H.Commands();

        f.Host.OnBookState(A, Velox.MarketData.Sync.BookSyncState.Resyncing);
        Assert.That(f.H.Commands(), Is.Empty);
        f.Host.OnExecutionReport(ExecutionReport.ReplaceAck(bid));
        f.Host.OnExecutionReport(ExecutionReport.ReplaceReject(ask, 4));
        Assert.That(f.H.Commands().Select(c => (c.Kind, c.ClientOrderId)), Is.EqualTo(new[] { (SinkCommandKind.Cancel, bid), (SinkCommandKind.Cancel, ask) }));
        Assert.That(f.H.Engine.Orders.IllegalTransitions, Is.Zero);
    }
}
