using Velox.Core;
using Velox.MarketData.Sync;
using Velox.Strategies.Execution;
using Velox.Strategies.Hosting;
using Velox.Strategies.MarketMaking;
using Velox.Strategies.Tests.MarketMaking;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using static Velox.Strategies.Tests.StrategyHarness;

namespace Velox.Strategies.Tests.Execution;

public class SinkTests
{
    [Test]
    public void ModeCheck_PaperNeedsLoopback_LiveNeedsFlagAndCredentials()
    {
        Assert.That(ExecutionModeCheck.TryValidate(ExecutionMode.DryRun, false, false, false, out var error), Is.True);
        Assert.That(error, Is.Null);
        Assert.That(ExecutionModeCheck.TryValidate(ExecutionMode.Paper, true, false, false, out _), Is.True);
        Assert.That(ExecutionModeCheck.TryValidate(ExecutionMode.Paper, false, true, true, out error), Is.False);
        Assert.That(error, Does.Contain("simulator"));
        Assert.That(ExecutionModeCheck.TryValidate(ExecutionMode.Live, false, true, false, out error), Is.False);
        Assert.That(error, Does.Contain("confirmed explicitly"));
        Assert.That(ExecutionModeCheck.TryValidate(ExecutionMode.Live, false, false, true, out error), Is.False);
        Assert.That(error, Does.Contain("credentials"));
        Assert.That(ExecutionModeCheck.TryValidate(ExecutionMode.Live, false, true, true, out _), Is.True);
    }

    [Test]
    public void GatewaySink_RefusesModesItMayNotUse()
    {
        Assert.That(() => new GatewaySink<RecordingGateway>(new RecordingGateway(isLoopback: false), ExecutionMode.Paper), Throws.InvalidOperationException.With.Message.Contains("simulator"));
        Assert.That(() => new GatewaySink<RecordingGateway>(new RecordingGateway(hasCredentials: true), ExecutionMode.Live), Throws.InvalidOperationException.With.Message.Contains("confirmed"));
        Assert.That(() => new GatewaySink<RecordingGateway>(new RecordingGateway(), ExecutionMode.Live, liveConfirmed: true), Throws.InvalidOperationException.With.Message.Contains("credentials"));
        Assert.That(() => new GatewaySink<RecordingGateway>(new RecordingGateway(), ExecutionMode.DryRun), Throws.ArgumentException);
        Assert.That(new GatewaySink<RecordingGateway>(new RecordingGateway(hasCredentials: true), ExecutionMode.Live, liveConfirmed: true).Mode, Is.EqualTo(ExecutionMode.Live));
        Assert.That(new DryRunSink(new DryRunVenue(new Core.Time.ReplayClock())).Mode, Is.EqualTo(ExecutionMode.DryRun));
    }

    [Test]
    public void DryRunAndPaper_MakeTheSameDecisions_UpToTheSink()
    {
        // Dry run.
        var dry = new MarketMakerFixture(MarketMakerFixture.Defaults() with { Levels = 2 });
        Scenario(dry.Host, dry.H);
        var dryCommands = dry.H.Commands().Select(c => (c.Kind, c.ClientOrderId, c.Instrument, c.Side, c.Type, c.Price.Raw, c.Quantity.Raw)).ToList();

        // Paper: the same engine setup, the gateway sink instead of the recorder.
        var h = new StrategyHarness();
        var gateway = new RecordingGateway();
        var router = new OrderRouter<GatewaySink<RecordingGateway>>(h.Engine, h.Market, new GatewaySink<RecordingGateway>(gateway, ExecutionMode.Paper));
        var maker = new MarketMaker<GatewaySink<RecordingGateway>>(MarketMakerFixture.Defaults() with { Levels = 2 }, router, h.Clock);
        var host = new StrategyHost<MarketMaker<GatewaySink<RecordingGateway>>, GatewaySink<RecordingGateway>>(maker, router);
        Scenario(host, h);
        var paperCommands = gateway.Sent.Select(c => (c.Kind, c.ClientOrderId, c.Instrument, c.Order.Side, c.Order.Type, c.Order.Price.Raw, c.Order.Quantity.Raw)).ToList();

        Assert.That(dryCommands, Has.Count.EqualTo(14));
        Assert.That(paperCommands, Is.EqualTo(dryCommands));
        Assert.That(router.Mode, Is.EqualTo(ExecutionMode.Paper));
        Assert.That(dry.Host.Router.Mode, Is.EqualTo(ExecutionMode.DryRun));
    }

    /// <summary>Quote, requote, fill, kill switch: 4 + (4 cancels + 4 news) + 1 refill + cancel-all = 14 commands.</summary>
    private static void Scenario<TSink>(StrategyHost<MarketMaker<TSink>, TSink> host, StrategyHarness h)
        where TSink : struct, IOrderSink
    {
        host.OnBookState(A, BookSyncState.InSync);
        h.SetTop(A, 100_000, 20_000, 100_200, 20_000);
        host.OnBookUpdate(h.Update(A));
        h.SetTop(A, 100_000, 20_000, 100_300, 20_000);
        host.OnBookUpdate(h.Update(A));
        var bid = host.Strategy.Quote(Side.Bid, 0);
        host.OnExecutionReport(ExecutionReport.Ack(bid.ClientOrderId));
        host.OnExecutionReport(ExecutionReport.Fill(bid.ClientOrderId, 1, new Core.Numerics.Price(bid.Price), new Core.Numerics.Quantity(bid.Quantity)));
        h.KillSwitch.Engage();
        host.OnTimer(h.Clock.NowNanos());
    }

    [Test]
    public void SinkRefusingAnOrder_IsBookedAsRejected_AndCounted()
    {
        var h = new StrategyHarness();
        var gateway = new RecordingGateway { Connected = false };
        var router = new OrderRouter<GatewaySink<RecordingGateway>>(h.Engine, h.Market, new GatewaySink<RecordingGateway>(gateway, ExecutionMode.Paper));
        var maker = new MarketMaker<GatewaySink<RecordingGateway>>(MarketMakerFixture.Defaults(), router, h.Clock);
        var host = new StrategyHost<MarketMaker<GatewaySink<RecordingGateway>>, GatewaySink<RecordingGateway>>(maker, router);
        host.OnBookState(A, BookSyncState.InSync);
        h.SetTop(A, 100_000, 20_000, 100_200, 20_000);
        host.OnBookUpdate(h.Update(A));

        Assert.That(router.SinkRefusals, Is.EqualTo(1), "the refusal backs the maker off for the rest of the decision");
        Assert.That(maker.Refusals, Is.EqualTo(1));
        Assert.That(router.OrdersSent, Is.Zero);
        Assert.That(h.Engine.Orders.OpenOrders, Is.Zero);
        Assert.That(h.Engine.Orders.Count(ReportOutcome.Applied), Is.EqualTo(1));
        Assert.That(maker.Quote(Side.Bid, 0).IsEmpty, Is.True);
    }

    [Test]
    public void CancelAllRefusedBySink_IsRetriedUntilItGoesThrough()
    {
        var h = new StrategyHarness();
        var gateway = new RecordingGateway();
        var router = new OrderRouter<GatewaySink<RecordingGateway>>(h.Engine, h.Market, new GatewaySink<RecordingGateway>(gateway, ExecutionMode.Paper));
        h.KillSwitch.Engage();
        gateway.Connected = false;
        Assert.That(router.SyncStops(), Is.True);
        Assert.That(router.SyncStops(), Is.True);
        Assert.That(router.SinkRefusals, Is.EqualTo(2));
        gateway.Connected = true;
        router.SyncStops();
        router.SyncStops();
        Assert.That(gateway.Sent.Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.CancelAll }));
        Assert.That(router.StopsEnforced, Is.EqualTo(1));
    }

    [Test]
    public void DryRunVenue_AcknowledgesRestingOrders_ExpiresIoc_ConfirmsCancels()
    {
        var h = new StrategyHarness(acknowledge: true);
        var venue = h.Venue;
        venue.New(11, OrderRequest.Limit(A, Side.Bid, new(100), new(1)));
        venue.New(12, new OrderRequest(A, Side.Ask, OrderType.Limit, TimeInForce.ImmediateOrCancel, new(100), new(1)));
        venue.New(13, OrderRequest.Limit(B, Side.Ask, new(100), new(1)));
        venue.Cancel(11, A);
        venue.CancelAll(B);
        Assert.That(venue.PendingReports, Is.EqualTo(6));
        var reports = new List<ExecutionReport>();
        var collector = new Collector(reports);
        Assert.That(venue.DrainReports(ref collector), Is.EqualTo(6));
        Assert.That(reports.Select(r => (r.Type, r.ClientOrderId)), Is.EqualTo(new[]
        {
            (ExecType.Ack, 11L), (ExecType.Ack, 12L), (ExecType.Expire, 12L), (ExecType.Ack, 13L), (ExecType.CancelAck, 11L), (ExecType.CancelAck, 13L),
        }));
        Assert.That(venue.LiveOrders, Is.Zero);
        Assert.That((venue.NewOrders, venue.Cancels, venue.CancelAlls), Is.EqualTo((3L, 1L, 1L)));
        Assert.That(venue.Commands.Count, Is.EqualTo(5));
    }

    [Test]
    public void DryRunVenue_RefusesRestingOrdersBeyondItsLimit()
    {
        var venue = new DryRunVenue(new Core.Time.ReplayClock(), maxLiveOrders: 2);
        venue.New(1, OrderRequest.Limit(A, Side.Bid, new(100), new(1)));
        venue.New(2, OrderRequest.Limit(A, Side.Bid, new(100), new(1)));
        venue.New(3, OrderRequest.Limit(A, Side.Bid, new(100), new(1)));
        var reports = new List<ExecutionReport>();
        var collector = new Collector(reports);
        venue.DrainReports(ref collector);
        Assert.That(reports.Select(r => (r.Type, r.ClientOrderId, r.RejectCode)), Is.EqualTo(new[]
        {
            (ExecType.Ack, 1L, (ushort)0), (ExecType.Ack, 2L, (ushort)0), (ExecType.Reject, 3L, DryRunVenue.OpenOrderLimitRejectCode),
        }));
        Assert.That(venue.LiveOrders, Is.EqualTo(2));
    }

    private readonly struct Collector(List<ExecutionReport> reports) : IExecutionReportHandler
    {
        public void OnExecutionReport(in ExecutionReport report) => reports.Add(report);
    }
}
