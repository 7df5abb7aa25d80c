using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Time;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using static Velox.Trading.Tests.Fixtures;

namespace Velox.Trading.Tests.Oms;

public class OrderManagerTests
{
    [Test]
    public void FillBeforeAck_IsBooked_AndTheLateAckIsStale()
    {
        var oms = NewOms();
        var id = Submit(oms, Buy(100, 2));
        Assert.That(oms.Apply(ExecutionReport.Fill(id, 1, Px(100), Qty(1), fee: 5, Liquidity.Maker), out _), Is.EqualTo(ReportOutcome.Applied));
        Assert.That(State(oms, id), Is.EqualTo(OrderState.PartiallyFilled));
        Assert.That(oms.Apply(ExecutionReport.Ack(id, 99), out _), Is.EqualTo(ReportOutcome.Stale));
        oms.TryGet(id, out var order);
        Assert.That(order.State, Is.EqualTo(OrderState.PartiallyFilled));
        Assert.That(order.Filled, Is.EqualTo(Qty(1)));
        Assert.That(order.Fees, Is.EqualTo(5));
        Assert.That(order.VenueOrderId, Is.Zero, "stale reports change nothing");
    }

    [Test]
    public void CancelAckAfterFullFill_IsStale()
    {
        var oms = NewOms();
        var id = Submit(oms, Buy(100, 2));
        oms.Apply(ExecutionReport.Ack(id, 1), out _);
        Assert.That(oms.TryCancel(id), Is.EqualTo(CommandStatus.Accepted));
        Assert.That(oms.Apply(ExecutionReport.Fill(id, 1, Px(100), Qty(2)), out _), Is.EqualTo(ReportOutcome.Applied));
        Assert.That(State(oms, id), Is.EqualTo(OrderState.Filled));
        Assert.That(oms.Apply(ExecutionReport.CancelAck(id), out _), Is.EqualTo(ReportOutcome.Stale));
        Assert.That(State(oms, id), Is.EqualTo(OrderState.Filled));
        Assert.That(oms.OpenOrders, Is.Zero);
        Assert.That(oms.IllegalTransitions, Is.Zero);
    }

    [Test]
    public void DuplicateFill_IsIgnored()
    {
        var oms = NewOms();
        var id = Submit(oms, Buy(100, 3));
        var fill = ExecutionReport.Fill(id, 42, Px(100), Qty(1), fee: 7);
        Assert.That(oms.Apply(fill, out _), Is.EqualTo(ReportOutcome.Applied));
        Assert.That(oms.Apply(fill, out _), Is.EqualTo(ReportOutcome.DuplicateFill));
        oms.TryGet(id, out var order);
        Assert.That(order.Filled, Is.EqualTo(Qty(1)));
        Assert.That(order.Fees, Is.EqualTo(7));
        Assert.That(oms.Count(ReportOutcome.DuplicateFill), Is.EqualTo(1));
    }

    [Test]
    public void SameFillId_OnAnotherInstrument_IsNotADuplicate()
    {
        var oms = NewOms();
        var btc = Submit(oms, Buy(100, 3));
        var eth = Submit(oms, Buy(100, 3, Eth));
        Assert.That(oms.Apply(ExecutionReport.Fill(btc, 42, Px(100), Qty(1)), out _), Is.EqualTo(ReportOutcome.Applied));
        Assert.That(oms.Apply(ExecutionReport.Fill(eth, 42, Px(100), Qty(1)), out _), Is.EqualTo(ReportOutcome.Applied));
    }

    [Test]
    public void UnknownOrder_IsFlaggedAndCounted()
    {
        var oms = NewOms();
        Assert.That(oms.Apply(ExecutionReport.Fill(12345, 1, Px(100), Qty(1)), out var slot), Is.EqualTo(ReportOutcome.UnknownOrder));
        Assert.That(slot, Is.EqualTo(-1));
        Assert.That(oms.Count(ReportOutcome.UnknownOrder), Is.EqualTo(1));
        Assert.That(oms.TryCancel(12345), Is.EqualTo(CommandStatus.UnknownOrder));
    }

    [Test]
    public void Overfill_IsCountedAndNotApplied()
    {
        var oms = NewOms();
        var id = Submit(oms, Buy(100, 1));
        Assert.That(oms.Apply(ExecutionReport.Fill(id, 1, Px(100), Qty(2)), out _), Is.EqualTo(ReportOutcome.Overfill));
        Assert.That(State(oms, id), Is.EqualTo(OrderState.PendingNew));
        Assert.That(oms.Apply(ExecutionReport.Fill(id, 2, Px(100), Qty(0)), out _), Is.EqualTo(ReportOutcome.InvalidReport));
    }

    [Test]
    public void LateFillAfterCancel_IsBooked()
    {
        var oms = NewOms();
        var id = Submit(oms, Buy(100, 4));
        oms.TryCancel(id);
        oms.Apply(ExecutionReport.CancelAck(id), out _);
        Assert.That(oms.OpenLeaves(Btc, Side.Bid), Is.Zero);
        Assert.That(oms.Apply(ExecutionReport.Fill(id, 1, Px(100), Qty(1)), out _), Is.EqualTo(ReportOutcome.Applied));
        oms.TryGet(id, out var order);
        Assert.That(order.State, Is.EqualTo(OrderState.Cancelled));
        Assert.That(order.Filled, Is.EqualTo(Qty(1)));
        Assert.That(oms.OpenLeaves(Btc, Side.Bid), Is.Zero, "a cancelled order has nothing open");
    }

    [Test]
    public void FillsAfterAReject_AreBooked_BecauseTheVenueTradedAnyway()
    {
        // A reject we inferred (the order seemed lost across a reconnect) that the venue's trades contradict.
        var oms = NewOms();
        var id = Submit(oms, Buy(100, 4));
        Assert.That(oms.Apply(ExecutionReport.Reject(id, 104), out _), Is.EqualTo(ReportOutcome.Applied));
        Assert.That(oms.Apply(ExecutionReport.Fill(id, 1, Px(100), Qty(1), fee: 3), out _), Is.EqualTo(ReportOutcome.Applied));
        Assert.That(State(oms, id), Is.EqualTo(OrderState.Rejected), "a partial fill leaves the order closed");
        Assert.That(oms.Apply(ExecutionReport.Fill(id, 2, Px(101), Qty(3), fee: 9), out _), Is.EqualTo(ReportOutcome.Applied));
        oms.TryGet(id, out var order);
        Assert.That(order.State, Is.EqualTo(OrderState.Filled));
        Assert.That(order.Filled, Is.EqualTo(Qty(4)));
        Assert.That(order.Fees, Is.EqualTo(12));
        Assert.That(oms.OpenOrders, Is.Zero);
        Assert.That(oms.OpenLeaves(Btc, Side.Bid), Is.Zero);
        Assert.That(oms.IllegalTransitions, Is.Zero);
    }

    [Test]
    public void CancelReject_RestoresTheLiveState_IncludingFillsWhilePending()
    {
        var oms = NewOms();
        var id = Submit(oms, Buy(100, 4));
        oms.Apply(ExecutionReport.Ack(id, 1), out _);
        oms.TryCancel(id);
        oms.Apply(ExecutionReport.Fill(id, 1, Px(100), Qty(1)), out _);
        Assert.That(State(oms, id), Is.EqualTo(OrderState.PendingCancel));
        oms.Apply(ExecutionReport.CancelReject(id, 3), out _);
        Assert.That(State(oms, id), Is.EqualTo(OrderState.PartiallyFilled));
    }

    [Test]
    public void CancelBeforeAck_ThenAck_ThenCancelReject_ReturnsToNew()
    {
        var oms = NewOms();
        var id = Submit(oms, Buy(100, 4));
        oms.TryCancel(id);
        oms.Apply(ExecutionReport.Ack(id, 1), out _);
        oms.Apply(ExecutionReport.CancelReject(id), out _);
        Assert.That(State(oms, id), Is.EqualTo(OrderState.New));
    }

    [Test]
    public void Amend_ChangesPriceAndQuantity_OnReplaceAck_AndOpenLeavesFollow()
    {
        var oms = NewOms();
        var id = Submit(oms, Buy(100, 4));
        oms.Apply(ExecutionReport.Ack(id, 1), out _);
        oms.Apply(ExecutionReport.Fill(id, 1, Px(100), Qty(1)), out _);
        Assert.That(oms.OpenLeaves(Btc, Side.Bid), Is.EqualTo(Qty(3).Raw));
        Assert.That(oms.TryAmend(id, Px(99), Qty(1)), Is.EqualTo(CommandStatus.InvalidAmend), "not above filled");
        Assert.That(oms.TryAmend(id, Px(99), Qty(6)), Is.EqualTo(CommandStatus.Accepted));
        Assert.That(oms.TryAmend(id, Px(98), Qty(6)), Is.EqualTo(CommandStatus.InvalidState), "one amend at a time");
        oms.Apply(ExecutionReport.ReplaceAck(id), out _);
        oms.TryGet(id, out var order);
        Assert.That(order.State, Is.EqualTo(OrderState.Replaced));
        Assert.That(order.Price, Is.EqualTo(Px(99)));
        Assert.That(order.Quantity, Is.EqualTo(Qty(6)));
        Assert.That(oms.OpenLeaves(Btc, Side.Bid), Is.EqualTo(Qty(5).Raw));
    }

    [Test]
    public void CancelAll_MovesEveryCancellableOpenOrder_OnTheInstrumentOrEverywhere()
    {
        var oms = NewOms();
        var a = Submit(oms, Buy(100, 1));
        var b = Submit(oms, Sell(101, 1));
        var c = Submit(oms, Buy(50, 1, Eth));
        var done = Submit(oms, Buy(100, 1));
        oms.Apply(ExecutionReport.Fill(done, 1, Px(100), Qty(1)), out _);
        Assert.That(oms.CancelAll(Eth), Is.EqualTo(1));
        Assert.That(State(oms, c), Is.EqualTo(OrderState.PendingCancel));
        Assert.That(oms.CancelAll(InstrumentId.None), Is.EqualTo(2));
        Assert.That(State(oms, a), Is.EqualTo(OrderState.PendingCancel));
        Assert.That(State(oms, b), Is.EqualTo(OrderState.PendingCancel));
        Assert.That(oms.CancelAll(InstrumentId.None), Is.Zero);
        Assert.That(oms.IllegalTransitions, Is.Zero);
    }

    [Test]
    public void Pool_ReusesTheOldestFinishedSlot_AndRefusesWhenAllAreLive()
    {
        var oms = NewOms(maxOrders: 2);
        var first = Submit(oms, Buy(100, 1));
        var second = Submit(oms, Buy(100, 1));
        Assert.That(oms.TrySubmit(Buy(100, 1), out _), Is.EqualTo(SubmitStatus.PoolExhausted));
        oms.Apply(ExecutionReport.Reject(first), out _);
        var third = Submit(oms, Buy(100, 1));
        Assert.That(oms.TryGet(first, out _), Is.False, "retired order evicted");
        Assert.That(oms.TryGet(second, out _), Is.True);
        Assert.That(oms.TryGet(third, out _), Is.True);
        Assert.That(oms.Apply(ExecutionReport.Ack(first), out _), Is.EqualTo(ReportOutcome.UnknownOrder));
    }

    [Test]
    public void MalformedRequests_AreRefused()
    {
        var oms = NewOms();
        Assert.That(oms.TrySubmit(Buy(100, 0), out _), Is.EqualTo(SubmitStatus.InvalidOrder));
        Assert.That(oms.TrySubmit(Buy(0, 1), out _), Is.EqualTo(SubmitStatus.InvalidOrder));
        Assert.That(oms.TrySubmit(new OrderRequest(Btc, Side.Bid, OrderType.Market, TimeInForce.GoodTillCancel, default, Qty(1)), out _), Is.EqualTo(SubmitStatus.InvalidOrder));
        Assert.That(oms.TrySubmit(new OrderRequest(Btc, Side.Bid, OrderType.PostOnly, TimeInForce.ImmediateOrCancel, Px(1), Qty(1)), out _), Is.EqualTo(SubmitStatus.InvalidOrder));
        Assert.That(oms.TrySubmit(Buy(100, 1, new InstrumentId(9)), out _), Is.EqualTo(SubmitStatus.UnknownInstrument));
        Assert.That(oms.TrySubmit(OrderRequest.Market(Btc, Side.Bid, Qty(1)), out _), Is.EqualTo(SubmitStatus.Accepted));
        Assert.That(oms.TrySubmit(new OrderRequest(Btc, Side.Bid, OrderType.Limit, TimeInForce.FillOrKill, Px(1), Qty(1)), out _), Is.EqualTo(SubmitStatus.Accepted));
        Assert.That(oms.TrySubmit(new OrderRequest(Btc, Side.Bid, OrderType.PostOnly, TimeInForce.GoodTillCancel, Px(1), Qty(1)), out _), Is.EqualTo(SubmitStatus.Accepted));
    }

    [Test]
    public void Timestamps_ComeFromTheInjectedClock()
    {
        var clock = new ReplayClock(500);
        var oms = NewOms(clock);
        var id = Submit(oms, Buy(100, 1));
        clock.Set(900);
        oms.Apply(ExecutionReport.Ack(id, 1), out _);
        oms.TryGet(id, out var order);
        Assert.That(order.CreatedNanos, Is.EqualTo(500));
        Assert.That(order.UpdatedNanos, Is.EqualTo(900));
    }
}
