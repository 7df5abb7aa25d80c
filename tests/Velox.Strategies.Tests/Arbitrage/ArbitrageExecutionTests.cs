using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Strategies.Arbitrage;
using Velox.Strategies.Execution;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Risk;
using static Velox.Strategies.Tests.StrategyHarness;

namespace Velox.Strategies.Tests.Arbitrage;

/// <summary>Leg outcomes: both fill, one fails (reject, expiry, partial, timeout) → recovery and unwind, refusals.</summary>
public class ArbitrageExecutionTests
{
    /// <summary>Starts a cycle: buy 0.5 on A at 100.00, sell 0.5 on B at 100.26; returns the two client order ids.</summary>
    private static (long Buy, long Sell) Start(ArbitrageFixture f)
    {
        f.Books(10_026);
        var legs = f.H.Commands();
        Assert.That(legs, Has.Count.EqualTo(2));
        f.Events();
        return (legs[0].ClientOrderId, legs[1].ClientOrderId);
    }

    private static void Fill(ArbitrageFixture f, long id, long fillId, long price, long quantity)
    {
        f.Host.OnExecutionReport(ExecutionReport.Ack(id, id));
        f.Host.OnExecutionReport(ExecutionReport.Fill(id, fillId, new Price(price), new Quantity(quantity), 10, Liquidity.Taker));
    }

    private static void AssertUnwind(SinkCommand command, InstrumentId instrument, Side side, long quantity)
    {
        Assert.That(command.Kind, Is.EqualTo(SinkCommandKind.New));
        Assert.That(command.Instrument, Is.EqualTo(instrument));
        Assert.That(command.Side, Is.EqualTo(side));
        Assert.That(command.Type, Is.EqualTo(OrderType.Market));
        Assert.That(command.TimeInForce, Is.EqualTo(TimeInForce.ImmediateOrCancel));
        Assert.That(command.Quantity.Raw, Is.EqualTo(quantity));
    }

    [Test]
    public void BothLegsFill_Completed_PositionFlatAcrossVenues()
    {
        var f = new ArbitrageFixture();
        var (buy, sell) = Start(f);
        Assert.That(f.Arb.CurrentOrders, Is.EqualTo((buy, sell, 0L)));
        Fill(f, buy, 1, 10_000, 5_000);
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Executing), "waiting for the other leg");
        Fill(f, sell, 2, 10_026, 5_000);

        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Completed));
        Assert.That(f.Arb.Completed, Is.EqualTo(1));
        Assert.That(f.H.Engine.Positions[A].Quantity.Raw, Is.EqualTo(5_000));
        Assert.That(f.H.Engine.Positions[B].Quantity.Raw, Is.EqualTo(-5_000));
        Assert.That(f.H.Engine.Positions[A].Quantity.Raw + f.H.Engine.Positions[B].Quantity.Raw, Is.Zero);
        Assert.That(f.Arb.Exposure, Is.Zero);
        Assert.That(f.Events().Select(e => e.Kind), Is.EqualTo(new[] { ArbitrageEventKind.Completed }));
        Assert.That(f.H.Commands(), Is.Empty);

        // Cooldown 100 ms: the timer only returns to Detecting after it.
        f.Books(10_000);
        f.H.Clock.Advance(99_000_000);
        f.Host.OnTimer(f.H.Clock.NowNanos());
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Completed));
        f.H.Clock.Advance(1_000_000);
        f.Host.OnTimer(f.H.Clock.NowNanos());
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Detecting));
        Assert.That(f.Arb.Machine.IllegalTransitions, Is.Zero);
    }

    [Test]
    public void SellLegRejected_BuyFilled_Recovers_UnwindsOnTheBuyVenue_AndReports()
    {
        var f = new ArbitrageFixture();
        var (buy, sell) = Start(f);
        Fill(f, buy, 1, 10_000, 5_000);
        f.Host.OnExecutionReport(ExecutionReport.Reject(sell, 7));

        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Recovering));
        var commands = f.H.Commands();
        Assert.That(commands, Has.Count.EqualTo(1));
        AssertUnwind(commands[0], A, Side.Ask, 5_000);
        var events = f.Events();
        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { ArbitrageEventKind.LegShortfall, ArbitrageEventKind.UnwindSent }));
        Assert.That(events[0].Exposure, Is.EqualTo(5_000));
        Assert.That((events[0].BuyOrderId, events[0].SellOrderId), Is.EqualTo((buy, sell)));
        Assert.That(events.Select(e => e.State), Is.All.EqualTo(ArbitrageState.Recovering));
        Assert.That(f.Arb.Recoveries, Is.EqualTo(1));
        Assert.That(f.Arb.UnwindsSent, Is.EqualTo(1));

        Fill(f, commands[0].ClientOrderId, 3, 9_990, 5_000);
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Failed));
        events = f.Events();
        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { ArbitrageEventKind.Unwound }));
        Assert.That(events[0].Quantity, Is.EqualTo(5_000));
        Assert.That(events[0].State, Is.EqualTo(ArbitrageState.Failed));
        Assert.That(f.H.Engine.Positions[A].Quantity.Raw, Is.Zero);
        Assert.That(f.H.Engine.Positions[B].Quantity.Raw, Is.Zero);
        Assert.That(f.Arb.Failures, Is.EqualTo(1));
        Assert.That(f.Arb.Machine.IllegalTransitions, Is.Zero);
    }

    [Test]
    public void BuyLegRejected_SellFilled_BuysBackOnTheSellVenue()
    {
        var f = new ArbitrageFixture();
        var (buy, sell) = Start(f);
        f.Host.OnExecutionReport(ExecutionReport.Reject(buy));
        Fill(f, sell, 1, 10_026, 5_000);

        var commands = f.H.Commands();
        AssertUnwind(commands.Single(), B, Side.Bid, 5_000);
        Assert.That(f.Arb.Exposure, Is.EqualTo(-5_000));
        Fill(f, commands[0].ClientOrderId, 2, 10_036, 5_000);
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Failed));
        Assert.That(f.H.Engine.Positions[B].Quantity.Raw, Is.Zero);
    }

    [Test]
    public void PartialSellFill_UnwindsOnlyTheDifference()
    {
        var f = new ArbitrageFixture();
        var (buy, sell) = Start(f);
        Fill(f, buy, 1, 10_000, 5_000);
        Fill(f, sell, 2, 10_026, 2_000);
        f.Host.OnExecutionReport(ExecutionReport.Expire(sell));

        var commands = f.H.Commands();
        AssertUnwind(commands.Single(), A, Side.Ask, 3_000);
        Fill(f, commands[0].ClientOrderId, 3, 9_990, 3_000);

        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Failed));
        Assert.That(f.H.Engine.Positions[A].Quantity.Raw, Is.EqualTo(2_000));
        Assert.That(f.H.Engine.Positions[B].Quantity.Raw, Is.EqualTo(-2_000));
    }

    [Test]
    public void PartialUnwind_IsRetriedUntilFlat()
    {
        var f = new ArbitrageFixture();
        var (buy, sell) = Start(f);
        Fill(f, buy, 1, 10_000, 5_000);
        f.Host.OnExecutionReport(ExecutionReport.Reject(sell));
        var unwind = f.H.Commands().Single().ClientOrderId;
        Fill(f, unwind, 2, 9_990, 1_500);
        f.Host.OnExecutionReport(ExecutionReport.Expire(unwind));
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Recovering));
        Assert.That(f.Arb.Exposure, Is.EqualTo(3_500));
        Assert.That(f.H.Commands(), Is.Empty, "the retry waits UnwindRetryNanos");

        f.H.Clock.Advance(100_000_000);
        f.Host.OnTimer(f.H.Clock.NowNanos());
        var retry = f.H.Commands().Single();
        AssertUnwind(retry, A, Side.Ask, 3_500);
        Fill(f, retry.ClientOrderId, 3, 9_990, 3_500);
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Failed));
        Assert.That(f.H.Engine.Positions[A].Quantity.Raw, Is.Zero);
        Assert.That(f.Arb.UnwindsSent, Is.EqualTo(2));
    }

    [Test]
    public void NeitherLegFills_FailedWithNothingToUnwind()
    {
        var f = new ArbitrageFixture();
        var (buy, sell) = Start(f);
        f.Host.OnExecutionReport(ExecutionReport.Ack(buy));
        f.Host.OnExecutionReport(ExecutionReport.Expire(buy));
        f.Host.OnExecutionReport(ExecutionReport.Reject(sell));

        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Failed));
        Assert.That(f.Events().Select(e => e.Kind), Is.EqualTo(new[] { ArbitrageEventKind.BothLegsMissed }));
        Assert.That(f.H.Commands(), Is.Empty);
        Assert.That(f.Arb.Recoveries, Is.Zero);
    }

    [Test]
    public void LegTimeout_CancelsOpenLegs_ThenRecovers()
    {
        var f = new ArbitrageFixture();
        var (buy, sell) = Start(f);
        Fill(f, buy, 1, 10_000, 5_000);
        f.Host.OnExecutionReport(ExecutionReport.Ack(sell));
        f.H.Clock.Advance(1_999_999_999);
        f.Host.OnTimer(f.H.Clock.NowNanos());
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Executing));
        Assert.That(f.H.Commands(), Is.Empty);

        f.H.Clock.Advance(1);
        f.Host.OnTimer(f.H.Clock.NowNanos());
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Recovering));
        var commands = f.H.Commands();
        Assert.That(commands.Select(c => (c.Kind, c.ClientOrderId)), Is.EqualTo(new[] { (SinkCommandKind.Cancel, sell) }));
        Assert.That(f.Events().Select(e => e.Kind), Is.EqualTo(new[] { ArbitrageEventKind.LegTimeout }));

        // Risk refuses orders on books older than 1 s: the unwind needs fresh data (see the stale case below).
        f.Books(10_000);
        f.Host.OnExecutionReport(ExecutionReport.CancelAck(sell));
        AssertUnwind(f.H.Commands().Single(), A, Side.Ask, 5_000);
    }

    [Test]
    public void UnwindRefusedOnStaleData_IsReportedAndRetriedWhenDataIsFresh()
    {
        var f = new ArbitrageFixture();
        var (buy, sell) = Start(f);
        Fill(f, buy, 1, 10_000, 5_000);
        f.Host.OnExecutionReport(ExecutionReport.Ack(sell));
        f.H.Clock.Advance(2_000_000_000);
        f.Host.OnTimer(f.H.Clock.NowNanos());
        f.Host.OnExecutionReport(ExecutionReport.CancelAck(sell));

        Assert.That(f.H.Commands().Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.Cancel }));
        var refused = f.Events().Single(e => e.Kind == ArbitrageEventKind.UnwindRefused);
        Assert.That(refused.Reason, Is.EqualTo(RiskRejectReason.StaleMarketData));
        Assert.That(f.Arb.Exposure, Is.EqualTo(5_000));

        f.H.Clock.Advance(100_000_000);
        f.Books(10_000);
        f.Host.OnTimer(f.H.Clock.NowNanos());
        AssertUnwind(f.H.Commands().Single(), A, Side.Ask, 5_000);
    }

    [Test]
    public void LegTimeout_WithNothingFilled_EndsFlat()
    {
        var f = new ArbitrageFixture();
        var (buy, sell) = Start(f);
        f.Host.OnExecutionReport(ExecutionReport.Ack(buy));
        f.Host.OnExecutionReport(ExecutionReport.Ack(sell));
        f.H.Clock.Advance(2_000_000_000);
        f.Host.OnTimer(f.H.Clock.NowNanos());
        Assert.That(f.H.Commands().Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.Cancel, SinkCommandKind.Cancel }));

        f.Host.OnExecutionReport(ExecutionReport.CancelAck(buy));
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Recovering));
        f.Host.OnExecutionReport(ExecutionReport.CancelAck(sell));
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Failed));
        Assert.That(f.H.Commands(), Is.Empty);
    }

    [Test]
    public void LateFillAfterTheCycleEnded_ReopensRecovery_AndIsUnwound()
    {
        var f = new ArbitrageFixture();
        var (buy, sell) = Start(f);
        f.Host.OnExecutionReport(ExecutionReport.Ack(buy));
        f.Host.OnExecutionReport(ExecutionReport.Ack(sell));
        f.H.Clock.Advance(2_000_000_000);
        f.Books(10_000);
        f.Host.OnTimer(f.H.Clock.NowNanos());
        f.Host.OnExecutionReport(ExecutionReport.CancelAck(buy));
        f.Host.OnExecutionReport(ExecutionReport.CancelAck(sell));
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Failed));
        f.H.Commands();
        f.Events();

        // The venue had filled 0.2 of the buy before its cancel took effect: the OMS books it on the cancelled order.
        f.Host.OnExecutionReport(ExecutionReport.Fill(buy, 9, new Price(10_000), new Quantity(2_000)));
        Assert.That(f.H.Order(buy).State, Is.EqualTo(OrderState.Cancelled));
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Recovering));
        Assert.That(f.Arb.LateFills, Is.EqualTo(1));
        var events = f.Events();
        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { ArbitrageEventKind.LateFill, ArbitrageEventKind.UnwindSent }));
        Assert.That(events[0].Exposure, Is.EqualTo(2_000));
        var unwind = f.H.Commands().Single();
        AssertUnwind(unwind, A, Side.Ask, 2_000);

        Fill(f, unwind.ClientOrderId, 10, 9_990, 2_000);
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Failed));
        Assert.That(f.H.Engine.Positions[A].Quantity.Raw, Is.Zero);
        Assert.That(f.Arb.Machine.IllegalTransitions, Is.Zero);
    }

    [Test]
    public void FirstLegRefusedByRisk_NothingSent_Failed()
    {
        var risk = new RiskOptions
        {
            Limits = new Dictionary<InstrumentId, InstrumentRiskLimits> { [A] = new() { MaxOrderQuantity = 1_000 } },
            VenueOrderBurst = 1_000_000,
            VenueOrdersPerSecond = 1_000_000,
        };
        var f = new ArbitrageFixture(risk: risk);
        f.Books(10_026);

        Assert.That(f.H.Commands(), Is.Empty);
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Failed));
        var refused = f.Events().Single(e => e.Kind == ArbitrageEventKind.LegRefused);
        Assert.That(refused.Reason, Is.EqualTo(RiskRejectReason.MaxOrderQuantity));
        Assert.That(f.Arb.Recoveries, Is.Zero);
    }

    [Test]
    public void SecondLegRefusedByRisk_FirstIsCancelled_AndTheCycleRecovers()
    {
        var risk = new RiskOptions
        {
            Limits = new Dictionary<InstrumentId, InstrumentRiskLimits> { [B] = new() { MaxOrderQuantity = 1_000 } },
            VenueOrderBurst = 1_000_000,
            VenueOrdersPerSecond = 1_000_000,
        };
        var f = new ArbitrageFixture(risk: risk);
        f.Books(10_026);

        var commands = f.H.Commands();
        Assert.That(commands.Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.New, SinkCommandKind.Cancel }));
        Assert.That(commands[1].ClientOrderId, Is.EqualTo(commands[0].ClientOrderId));
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Recovering));

        f.Host.OnExecutionReport(ExecutionReport.CancelAck(commands[0].ClientOrderId));
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Failed));
        Assert.That(f.H.Commands(), Is.Empty);
    }

    [Test]
    public void KillSwitchDuringExecution_UnwindRefusedAndReported_RetriedAfterRelease()
    {
        var f = new ArbitrageFixture();
        var (buy, sell) = Start(f);
        f.H.KillSwitch.Engage();
        Fill(f, buy, 1, 10_000, 5_000);

        // The engine cancelled the open sell leg; the venues got a cancel-all.
        Assert.That(f.H.Commands().Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.CancelAll }));
        Assert.That(f.H.Order(sell).State, Is.EqualTo(OrderState.PendingCancel));
        f.Host.OnExecutionReport(ExecutionReport.CancelAck(sell));

        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Recovering));
        var refused = f.Events().Single(e => e.Kind == ArbitrageEventKind.UnwindRefused);
        Assert.That(refused.Reason, Is.EqualTo(RiskRejectReason.KillSwitch));
        Assert.That(refused.Exposure, Is.EqualTo(5_000));
        Assert.That(f.Arb.UnwindRefusals, Is.EqualTo(1));
        Assert.That(f.Arb.Exposure, Is.EqualTo(5_000), "still open, and reported");

        f.H.KillSwitch.Release();
        f.H.Clock.Advance(100_000_000);
        f.Books(10_026);
        f.Host.OnTimer(f.H.Clock.NowNanos());
        AssertUnwind(f.H.Commands().Single(), A, Side.Ask, 5_000);
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Recovering));
    }

    [Test]
    public void DuplicateAndUnknownReports_DoNotMoveTheCycle()
    {
        var f = new ArbitrageFixture();
        var (buy, sell) = Start(f);
        Fill(f, buy, 1, 10_000, 5_000);
        f.Host.OnExecutionReport(ExecutionReport.Fill(buy, 1, new Price(10_000), new Quantity(5_000)));
        f.Host.OnExecutionReport(ExecutionReport.Fill(123_456, 9, new Price(10_000), new Quantity(5_000)));
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Executing));
        Assert.That(f.Arb.Exposure, Is.EqualTo(5_000));
        Fill(f, sell, 2, 10_026, 5_000);
        Assert.That(f.Arb.State, Is.EqualTo(ArbitrageState.Completed));
    }
}
