using Velox.Core;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Risk;
using static Velox.Trading.Tests.Fixtures;

namespace Velox.Trading.Tests.Oms;

/// <summary>Amends through the OMS and the engine: acks, rejects, fills racing them, and pre-trade risk on the new values.</summary>
public class AmendTests
{
    [Test]
    public void AmendAck_CarryingTheVenuesSize_AfterAFillRacedTheAmend()
    {
        var oms = NewOms();
        var id = Submit(oms, Buy(100, 4));
        oms.Apply(ExecutionReport.Ack(id, 1), out _);
        Assert.That(oms.TryAmend(id, Px(101), Qty(4)), Is.EqualTo(CommandStatus.Accepted));

        // 1 fills at the old price before the venue applies the amend (whose amount was 4 working).
        Assert.That(oms.Apply(ExecutionReport.Fill(id, 1, Px(100), Qty(1)), out _), Is.EqualTo(ReportOutcome.Applied));
        oms.TryGet(id, out var pending);
        Assert.That((pending.State, pending.Filled), Is.EqualTo((OrderState.PendingReplace, Qty(1))));
        Assert.That(oms.OpenLeaves(Btc, Side.Bid), Is.EqualTo(Qty(3).Raw));

        // The venue's ack says 4 still work at 101: the order is now 1 filled + 4.
        Assert.That(oms.Apply(ExecutionReport.ReplaceAck(id, Px(101), Qty(5)), out _), Is.EqualTo(ReportOutcome.Applied));
        oms.TryGet(id, out var order);
        Assert.That((order.State, order.Price, order.Quantity, order.Filled), Is.EqualTo((OrderState.Replaced, Px(101), Qty(5), Qty(1))));
        Assert.That(oms.OpenLeaves(Btc, Side.Bid), Is.EqualTo(Qty(4).Raw));
    }

    [Test]
    public void AmendReject_RestoresTheLiveState_AndTheOldPrice_IncludingAFillWhilePending()
    {
        var oms = NewOms();
        var id = Submit(oms, Buy(100, 4));
        oms.Apply(ExecutionReport.Ack(id, 1), out _);
        oms.TryAmend(id, Px(101), Qty(6));
        oms.Apply(ExecutionReport.Fill(id, 1, Px(100), Qty(1)), out _);
        Assert.That(oms.Apply(ExecutionReport.ReplaceReject(id, 10), out _), Is.EqualTo(ReportOutcome.Applied));

        oms.TryGet(id, out var order);
        Assert.That((order.State, order.Price, order.Quantity, order.RejectCode), Is.EqualTo((OrderState.PartiallyFilled, Px(100), Qty(4), (ushort)10)));
        Assert.That(oms.OpenLeaves(Btc, Side.Bid), Is.EqualTo(Qty(3).Raw));
        Assert.That(oms.TryAmend(id, Px(99), Qty(4)), Is.EqualTo(CommandStatus.Accepted), "amendable again");
        Assert.That(oms.IllegalTransitions, Is.Zero);
    }

    [Test]
    public void FillCompletingTheOrderDuringTheAmend_IsFinal_AndTheVenuesLateRejectIsStale()
    {
        var oms = NewOms();
        var id = Submit(oms, Buy(100, 4));
        oms.Apply(ExecutionReport.Ack(id, 1), out _);
        oms.TryAmend(id, Px(101), Qty(6));
        oms.Apply(ExecutionReport.Fill(id, 1, Px(100), Qty(4)), out _);
        Assert.That(State(oms, id), Is.EqualTo(OrderState.Filled));
        Assert.That(oms.OpenOrders, Is.Zero);

        Assert.That(oms.Apply(ExecutionReport.ReplaceReject(id, 10), out _), Is.EqualTo(ReportOutcome.Stale));
        Assert.That(State(oms, id), Is.EqualTo(OrderState.Filled));
        Assert.That(oms.IllegalTransitions, Is.Zero);
    }

    [Test]
    public void CancelAll_LeavesAnOrderWithAnAmendInFlight_ForTheVenuesCancelAllToClose()
    {
        var oms = NewOms();
        var amending = Submit(oms, Buy(100, 4));
        var resting = Submit(oms, Buy(99, 4));
        oms.Apply(ExecutionReport.Ack(amending, 1), out _);
        oms.Apply(ExecutionReport.Ack(resting, 2), out _);
        oms.TryAmend(amending, Px(101), Qty(4));

        Assert.That(oms.CancelAll(Btc), Is.EqualTo(1));
        Assert.That(oms.IllegalTransitions, Is.Zero);
        Assert.That(State(oms, amending), Is.EqualTo(OrderState.PendingReplace));
        Assert.That(oms.Apply(ExecutionReport.CancelAck(amending), out _), Is.EqualTo(ReportOutcome.Applied));
        Assert.That(State(oms, amending), Is.EqualTo(OrderState.Cancelled));
    }

    [Test]
    public void EngineAmend_IsRiskChecked_OnTheNewValues_WithoutCountingANewOrder()
    {
        var limits = new InstrumentRiskLimits { MaxOrderQuantity = Qty(5).Raw, MaxOpenOrders = 1, MaxPosition = Qty(6).Raw, PriceBandBps = 500 };
        var journal = new MemoryStream();
        var h = new EngineHarness(new RiskOptions { DefaultLimits = limits, VenueOrderBurst = 1_000, VenueOrdersPerSecond = 1_000 }, journal: journal);
        var id = h.Place(Buy(100, 2));
        h.Engine.OnReport(ExecutionReport.Ack(id, 1));

        // At the open-order limit (1 of 1) an amend still passes: it adds no order.
        Assert.That(h.Engine.TryAmend(id, Px(100.5m), Qty(3), h.Market, out var reason), Is.EqualTo(CommandStatus.Accepted), reason.ToString());
        h.Engine.OnReport(ExecutionReport.ReplaceAck(id));

        Assert.That(h.Engine.TryAmend(id, Px(100.5m), Qty(6), h.Market, out reason), Is.EqualTo(CommandStatus.RiskRejected));
        Assert.That(reason, Is.EqualTo(RiskRejectReason.MaxOrderQuantity));
        Assert.That(h.Engine.TryAmend(id, Px(130), Qty(3), h.Market, out reason), Is.EqualTo(CommandStatus.RiskRejected));
        Assert.That(reason, Is.EqualTo(RiskRejectReason.PriceBand));

        // Position projection counts the size difference only: long 2 filled, 1 leaves, amend to 5 total = 3 more leaves → 5 ≤ 6.
        h.Engine.OnReport(ExecutionReport.Fill(id, 1, Px(100.5m), Qty(2)));
        Assert.That(h.Engine.TryAmend(id, Px(100.5m), Qty(5), h.Market, out reason), Is.EqualTo(CommandStatus.Accepted), reason.ToString());
        h.Engine.OnReport(ExecutionReport.ReplaceAck(id));

        Get(h, id, out var order);
        Assert.That((order.State, order.Quantity, order.Filled), Is.EqualTo((OrderState.Replaced, Qty(5), Qty(2))));

        // A refused amend leaves the order as it was and is journalled like a refused order.
        h.Engine.FlushJournal();
        journal.Position = 0;
        using var reader = new JournalReader(journal);
        var rejects = new List<RiskRejectReason>();
        while (reader.TryRead(out var entry) == JournalReadStatus.Record)
        {
            if (entry.Type == JournalRecordType.RiskReject)
            {
                rejects.Add((RiskRejectReason)entry.Code);
            }
        }

        Assert.That(rejects, Has.Count.EqualTo(2));
        Assert.That(rejects[0], Is.EqualTo(RiskRejectReason.MaxOrderQuantity));
    }

    [Test]
    public void EngineAmend_OfAnOrderThatCannotBeAmended_TakesNoRateLimitToken()
    {
        var h = new EngineHarness(new RiskOptions { VenueOrderBurst = 1, VenueOrdersPerSecond = 1 });
        var id = h.Place(Buy(100, 2));

        // The order took the bucket's only token. Amending it while PendingNew is refused by the OMS before risk runs,
        // so no rate-limit rejection is counted; a second later the refilled token goes to the legal amend.
        Assert.That(h.Engine.TryAmend(id, Px(101), Qty(2), h.Market, out _), Is.EqualTo(CommandStatus.InvalidState));
        Assert.That(h.Engine.Risk.Rejections(RiskRejectReason.RateLimit), Is.Zero);
        h.Clock.Advance(1_000_000_000);
        h.Engine.OnReport(ExecutionReport.Ack(id, 1));
        Assert.That(h.Engine.TryAmend(id, Px(101), Qty(2), h.Market, out var reason), Is.EqualTo(CommandStatus.Accepted), reason.ToString());
        Assert.That(h.Engine.TryAmend(id, Px(102), Qty(2), h.Market, out _), Is.EqualTo(CommandStatus.InvalidState), "one amend at a time");
        Assert.That(h.Engine.Risk.Rejections(RiskRejectReason.RateLimit), Is.Zero);
    }

    private static void Get(EngineHarness h, long id, out Order order) => Assert.That(h.Engine.Orders.TryGet(id, out order), Is.True);
}
