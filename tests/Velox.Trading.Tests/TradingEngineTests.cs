using Velox.Core;
using Velox.Core.Instruments;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Risk;
using static Velox.Trading.Tests.Fixtures;

namespace Velox.Trading.Tests;

public class TradingEngineTests
{
    private static readonly string[] ExpectedJournal =
    [
        "NewOrder", "RiskReject", "Ack:Applied", "Amend", "ReplaceAck:Applied", "Fill:Applied", "Cancel", "CancelAck:Applied",
        "Expire:UnknownOrder", "CancelAll",
    ];

    /// <summary>One round: buy, ack, fill in two parts, sell, ack, fill — the position returns to flat.</summary>
    private static void Round(EngineHarness h, ref long fillId)
    {
        var market = h.Market;
        h.Engine.TrySubmit(OrderRequest.Limit(Btc, Side.Bid, new(10_000), new(20_000)), market, out _, out var buy);
        h.Engine.OnReport(ExecutionReport.Ack(buy, buy));
        h.Engine.OnReport(ExecutionReport.Fill(buy, ++fillId, new(10_000), new(5_000), 7, Liquidity.Maker));
        h.Engine.OnReport(ExecutionReport.Fill(buy, ++fillId, new(10_000), new(15_000), -3, Liquidity.Maker));
        h.Engine.OnReport(ExecutionReport.Fill(buy, fillId, new(10_000), new(15_000), -3, Liquidity.Maker));
        h.Engine.TrySubmit(OrderRequest.Limit(Btc, Side.Ask, new(10_001), new(20_000)), market, out _, out var sell);
        h.Engine.OnReport(ExecutionReport.Ack(sell, sell));
        h.Engine.OnReport(ExecutionReport.Fill(sell, ++fillId, new(10_001), new(20_000), 9, Liquidity.Taker));
        h.Engine.OnReport(ExecutionReport.CancelAck(sell));
        h.Clock.Advance(1_000);
    }

    [Test]
    public void OrderRiskOmsAndReportPath_AllocatesNothingAfterWarmUp()
    {
        var h = new EngineHarness(maxOrders: 64);
        long fillId = 0;
        for (var i = 0; i < 2_000; i++)
        {
            Round(h, ref fillId);
            h.Engine.FlushJournal();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            Round(h, ref fillId);
            h.Engine.FlushJournal();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        Assert.That(h.Engine.Risk.Passed, Is.EqualTo(24_000));
        Assert.That(h.Engine.Positions[Btc].Quantity.Raw, Is.Zero);
        Assert.That(h.Engine.Orders.Count(ReportOutcome.DuplicateFill), Is.EqualTo(12_000));
        Assert.That(h.Engine.Orders.Count(ReportOutcome.Stale), Is.EqualTo(12_000));
        Assert.That(h.Journal.Appended, Is.EqualTo(12_000 * 9));
    }

    [Test]
    public void RiskCheckAlone_AllocatesNothing()
    {
        var h = new EngineHarness();
        for (var i = 0; i < 10; i++)
        {
            h.Place(OrderRequest.Limit(Btc, Side.Bid, Px(99), Qty(1)));
        }

        var order = OrderRequest.Limit(Btc, Side.Bid, Px(100), Qty(1));
        var market = h.Market;
        h.Engine.Risk.Check(order, market);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            h.Engine.Risk.Check(order, market);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void KillSwitch_CancelsEverythingOnce_AndBlocksEveryNewOrder()
    {
        var h = new EngineHarness();
        var a = h.Place(Buy(99, 1));
        var b = h.Place(Sell(101, 1, Eth));
        h.Engine.KillSwitch.Engage();
        Assert.That(h.Engine.TrySubmit(Buy(99, 1), h.Market, out var reason, out _), Is.EqualTo(SubmitStatus.RiskRejected));
        Assert.That(reason, Is.EqualTo(RiskRejectReason.KillSwitch));
        Assert.That(State(h.Engine.Orders, a), Is.EqualTo(OrderState.PendingCancel));
        Assert.That(State(h.Engine.Orders, b), Is.EqualTo(OrderState.PendingCancel));
        Assert.That(h.Engine.EnforceStops(), Is.Zero, "only once");
        h.Engine.KillSwitch.Release();
        h.Place(Buy(99, 1));
    }

    [Test]
    public void VenueRejects_TripTheErrorBreaker_WhichHaltsAndCancels()
    {
        var h = new EngineHarness(breakers: new BreakerOptions { MaxErrors = 3, ErrorWindowNanos = 1_000_000_000 });
        var resting = h.Place(Buy(90, 1));
        h.Engine.OnReport(ExecutionReport.Ack(resting, 1));
        for (var i = 0; i < 3; i++)
        {
            var id = h.Place(Buy(99, 1));
            h.Engine.OnReport(ExecutionReport.Reject(id, 13));
        }

        Assert.That(h.Engine.Breakers.Mode, Is.EqualTo(TradingMode.Halt));
        Assert.That(State(h.Engine.Orders, resting), Is.EqualTo(OrderState.PendingCancel));
        Assert.That(h.Engine.TrySubmit(Buy(99, 1), h.Market, out var reason, out _), Is.EqualTo(SubmitStatus.RiskRejected));
        Assert.That(reason, Is.EqualTo(RiskRejectReason.Halted));
    }

    [Test]
    public void EveryCommandAndReport_IsJournaled()
    {
        var stream = new MemoryStream();
        var h = new EngineHarness(journal: stream);
        var id = h.Place(Buy(100, 2));
        h.Engine.TrySubmit(Buy(300, 1), h.Market, out _, out _);
        h.Engine.OnReport(ExecutionReport.Ack(id, 5));
        h.Engine.TryAmend(id, Px(100.5m), Qty(3));
        h.Engine.OnReport(ExecutionReport.ReplaceAck(id));
        h.Engine.OnReport(ExecutionReport.Fill(id, 1, Px(100.5m), Qty(1), 10, Liquidity.Maker));
        h.Engine.TryCancel(id);
        h.Engine.OnReport(ExecutionReport.CancelAck(id));
        h.Engine.OnReport(ExecutionReport.Expire(424242));
        h.Engine.CancelAll(InstrumentId.None);
        h.Engine.FlushJournal();

        stream.Position = 0;
        using var reader = new JournalReader(stream);
        var types = new List<string>();
        while (reader.TryRead(out var entry) == JournalReadStatus.Record)
        {
            types.Add(entry.Type == JournalRecordType.Report ? $"{entry.ExecType}:{(ReportOutcome)entry.Code}" : entry.Type.ToString());
        }

        Assert.That(types, Is.EqualTo(ExpectedJournal));
        Assert.That(h.Engine.Positions[Btc].Quantity, Is.EqualTo(Qty(1)));
    }
}
