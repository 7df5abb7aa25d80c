using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.Host.Topology.Orders;
using Velox.Host.Trading.Arbitrage;
using Velox.Ipc;
using Velox.Ipc.Subscriptions;
using Velox.Simulator;
using Velox.Simulator.Hosting;
using Velox.Simulator.Market;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Venues.Binance.Trading;

namespace Velox.Host.Tests.Topology;

/// <summary>
/// og in paper mode against the embedded Bitfinex simulator or the simulated Binance's WebSocket API (a real
/// WebSocket, real auth), and in dry run, driven on the test thread: order commands in over IPC, venue frames out,
/// execution reports back over IPC under the engine's ids. After warm-up, og's poll → encode → send → report path
/// allocates nothing.
/// </summary>
[NonParallelizable]
public class OgServiceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private string _directory = string.Empty;

    [SetUp]
    public void SetUp() => _directory = Path.Combine("/dev/shm", $"velox-test-og-{Guid.NewGuid():N}");

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public void Orders_and_cancels_round_trip_through_the_simulator_without_allocating_after_warm_up()
    {
        using var rig = new PaperRig(_directory);
        var (server, og, engine, engineReports) = (rig.Server, rig.Og, rig.Engine, rig.EngineReports);
        var reports = new EngineSide();

        Pump(og, engineReports, ref reports, 0, static (r, _) => r.Ready);
        Assert.That(og.Ready, Is.True);

        const int WarmUp = 100;
        const int Measured = 200;
        for (var i = 1; i <= WarmUp; i++)
        {
            RoundTrip(og, engine, engineReports, ref reports, i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = WarmUp + 1; i <= WarmUp + Measured; i++)
        {
            RoundTrip(og, engine, engineReports, ref reports, i);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(reports.Acks, Is.EqualTo(WarmUp + Measured), "one ack per order, under the engine's id");
        Assert.That(reports.CancelAcks, Is.EqualTo(WarmUp + Measured));
        Assert.That(og.TickToTrade.Count, Is.EqualTo(WarmUp + Measured), "every stamped new order is a tick-to-trade sample");
        Assert.That(og.OpenOrders, Is.Zero);
        var matching = server.Simulator!.Engine;
        Assert.That(matching.OpenOrderCount(matching.FindAccount(Velox.Simulator.Matching.SimAccount.Demo.ApiKey)), Is.Zero);
        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Orders_the_dead_man_switch_cancelled_while_og_was_away_are_confirmed_over_rest()
    {
        using var rig = new PaperRig(_directory);
        var (server, og, engine, engineReports) = (rig.Server, rig.Og, rig.Engine, rig.EngineReports);
        var reports = new EngineSide();
        Pump(og, engineReports, ref reports, 0, static (r, _) => r.Ready);
        engine.OgReady = true;
        Assert.That(engine.TrySendNew(1, Bid()) && engine.TrySendNew(2, Bid()), Is.True);
        Pump(og, engineReports, ref reports, 2, static (r, n) => r.Acks == n);
        var matching = server.Simulator!.Engine;
        var account = matching.FindAccount(Velox.Simulator.Matching.SimAccount.Demo.ApiKey);

        // og is not polled while the simulator drops it and its dead-man switch cancels both orders.
        var deadline = DateTime.UtcNow + Patience;
        while (server.InjectFault(Velox.Simulator.Faults.FaultKind.Disconnect) == 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "no live connection to drop");
            Thread.Sleep(5);
        }

        while (matching.OpenOrderCount(account) > 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the orders outlived the dropped connection");
            Thread.Sleep(5);
        }

        Pump(og, engineReports, ref reports, 2, static (r, n) => r.CancelAcks == n);
        Assert.That(og.ReconciliationSummary(), Is.EqualTo("order reconciliation after reconnects: 1 over REST (0 fills booked), 0 failed, 0 orders closed unverified"));
        Assert.That(og.ReconciliationEvents, Is.EqualTo(1));
    }

    [Test]
    public void Stop_cancels_what_og_holds_open_at_the_simulator()
    {
        using var rig = new PaperRig(_directory);
        var (server, og, engine, engineReports) = (rig.Server, rig.Og, rig.Engine, rig.EngineReports);
        var reports = new EngineSide();
        Pump(og, engineReports, ref reports, 0, static (r, _) => r.Ready);
        engine.OgReady = true;
        for (var i = 1; i <= 3; i++)
        {
            Assert.That(engine.TrySendNew(i, Bid()), Is.True);
        }

        Pump(og, engineReports, ref reports, 3, static (r, n) => r.Acks == n);
        var matching = server.Simulator!.Engine;
        var account = matching.FindAccount(Velox.Simulator.Matching.SimAccount.Demo.ApiKey);
        Assert.That(matching.OpenOrderCount(account), Is.EqualTo(3));

        var summary = og.Stop();

        Assert.That(summary, Does.StartWith("shutdown: 3 orders open at og when stopped, 0 still open"));
        Assert.That(matching.OpenOrderCount(account), Is.Zero);
        engineReports.Poll(ref reports, 64);
        Assert.That(reports.CancelAcks, Is.EqualTo(3));
    }

    [Test]
    public void Binance_og_order_is_acked_and_filled_at_the_simulator_and_reported_under_the_engine_id()
    {
        using var rig = new BinanceRig(_directory);
        var (og, engine, engineReports) = (rig.Og, rig.Engine, rig.EngineReports);
        var reports = new EngineSide();
        Pump(og, engineReports, ref reports, 0, static (r, _) => r.Ready);
        Assert.That(og.Ready, Is.True, "subscribed to the user data stream");
        Assert.That(reports.GatewayState, Is.EqualTo((byte)BinanceGatewayState.Ready), "the gateway-state record carries the Binance gateway's state");
        Assert.That(og.Status().GatewayState, Is.EqualTo((int)BinanceGatewayState.Ready));

        // A buy 5% through the mid crosses the simulated Binance book at once; IOC leaves nothing resting.
        var price = new Price(ArbitrageVenues.BinanceSpec.InitialMidRaw / 100 * 105);
        var order = new OrderRequest(rig.Binance.Id, Side.Bid, OrderType.Limit, TimeInForce.ImmediateOrCancel, price, new Quantity(100_000), OrderFlags.None);
        Assert.That(engine.TryPublish(OrderCommand.New(42, order, MonotonicClock.Now(), MonotonicClock.Now())), Is.True);
        Pump(og, engineReports, ref reports, 0, static (r, _) => r.Fills > 0 && r.Acks > 0);

        Assert.That(reports.LastFill.ClientOrderId, Is.EqualTo(42), "the fill comes back under the engine's id");
        Assert.That(reports.LastFill.Quantity.Raw, Is.EqualTo(100_000));
        Assert.That(reports.LastFill.Price.Raw, Is.LessThanOrEqualTo(price.Raw).And.GreaterThan(0));
        Assert.That(reports.Rejects, Is.Zero);
        Assert.That(og.Status().OrdersSent, Is.EqualTo(1));
        Assert.That(og.TickToTrade.Count, Is.EqualTo(1), "the stamped order is a tick-to-trade sample");
        Assert.That(rig.Server.OrderEntry!.OpenOrderCount(), Is.Zero);
    }

    [Test]
    public void Binance_og_orders_and_cancels_round_trip_without_allocating_after_warm_up()
    {
        using var rig = new BinanceRig(_directory);
        var (og, engine, engineReports) = (rig.Og, rig.Engine, rig.EngineReports);
        var reports = new EngineSide();
        Pump(og, engineReports, ref reports, 0, static (r, _) => r.Ready);

        // A bid far below the market rests until cancelled.
        var bid = OrderRequest.Limit(rig.Binance.Id, Side.Bid, new Price(ArbitrageVenues.BinanceSpec.MinMidRaw), new Quantity(100_000));
        const int WarmUp = 50;
        const int Measured = 100;
        for (var i = 1; i <= WarmUp; i++)
        {
            RoundTrip(og, engine, engineReports, ref reports, i, bid);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = WarmUp + 1; i <= WarmUp + Measured; i++)
        {
            RoundTrip(og, engine, engineReports, ref reports, i, bid);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(reports.Acks, Is.EqualTo(WarmUp + Measured), "one ack per order, under the engine's id");
        Assert.That(reports.CancelAcks, Is.EqualTo(WarmUp + Measured));
        Assert.That(og.OpenOrders, Is.Zero);
        Assert.That(rig.Server.OrderEntry!.OpenOrderCount(), Is.Zero);
        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Binance_og_rejects_an_order_breaking_the_lot_size_filter_without_sending_it()
    {
        using var rig = new BinanceRig(_directory);
        var (og, engine, engineReports) = (rig.Og, rig.Engine, rig.EngineReports);
        var reports = new EngineSide();
        Pump(og, engineReports, ref reports, 0, static (r, _) => r.Ready);

        // 0.000001 BTC: below the 0.00001 step of the simulated BTCUSDT.
        var order = OrderRequest.Limit(rig.Binance.Id, Side.Bid, new Price(ArbitrageVenues.BinanceSpec.MinMidRaw), new Quantity(100));
        Assert.That(engine.TryPublish(OrderCommand.New(7, order, 0, MonotonicClock.Now())), Is.True);
        Pump(og, engineReports, ref reports, 0, static (r, _) => r.Rejects > 0);

        Assert.That(reports.Last.ClientOrderId, Is.EqualTo(7));
        Assert.That(reports.Last.RejectCode, Is.EqualTo((ushort)BinanceRejectCode.QuantityBelowMin), "LOT_SIZE: below minQty (one step)");
        Assert.That(og.Status().OrdersSent, Is.Zero, "nothing went to the venue");
        Assert.That(og.BinanceGateway!.FilterRejects, Is.EqualTo(1));
        Assert.That(og.OpenOrders, Is.Zero);
    }

    [Test]
    public void Dry_run_og_samples_tick_to_decision_for_stamped_new_orders_and_amends_only()
    {
        using var ipc = new IpcDirectory(new IpcOptions { Directory = _directory });
        using var engineOrders = ipc.AddExclusivePublication(12);
        using var ogCommands = ipc.AddSubscription(12);
        using var ogReports = ipc.AddExclusivePublication(13);
        using var engineReports = ipc.AddSubscription(13);
        using var og = OgService.DryRun(ogCommands, ogReports);
        var engine = new OrderCommandPublisher(engineOrders);
        var reports = new EngineSide();
        Pump(og, engineReports, ref reports, 0, static (r, _) => r.Ready);

        // As the paper og: a new order and an amend carrying a tick time are samples, an unstamped amend is not.
        var bid = Bid();
        Assert.That(engine.TryPublish(OrderCommand.New(1, bid, MonotonicClock.Now(), MonotonicClock.Now())), Is.True);
        Pump(og, engineReports, ref reports, 0, static (r, _) => r.Acks > 0);
        var up = new Price(bid.Price.Raw + SimInstrumentSpec.BtcUsd.TickRaw);
        Assert.That(engine.TryPublish(new OrderCommand(OrderCommandType.Amend, 1, bid.Instrument, Price: up, Quantity: bid.Quantity, TickReceiveNanos: MonotonicClock.Now())), Is.True);
        Pump(og, engineReports, ref reports, 0, static (r, _) => r.Last.Type == ExecType.ReplaceAck);
        Assert.That(engine.TryPublish(new OrderCommand(OrderCommandType.Amend, 1, bid.Instrument, Price: bid.Price, Quantity: bid.Quantity)), Is.True);
        Pump(og, engineReports, ref reports, 1, static (r, n) => r.ReplaceAcks > n);

        Assert.That(og.Status().AmendsSent, Is.EqualTo(2));
        Assert.That(og.TickToTrade.Count, Is.EqualTo(2), "the stamped new order and the stamped amend");
    }

    private static OrderRequest Bid() =>
        OrderRequest.Limit(new InstrumentId(0), Side.Bid, new Price(SimInstrumentSpec.BtcUsd.MinMidRaw), new Quantity(100_000));

    private static void RoundTrip(OgService og, OrderCommandPublisher engine, Subscription engineReports, ref EngineSide reports, long id) =>
        RoundTrip(og, engine, engineReports, ref reports, id, Bid());

    private static void RoundTrip(OgService og, OrderCommandPublisher engine, Subscription engineReports, ref EngineSide reports, long id, in OrderRequest order)
    {
        var acks = reports.Acks;
        var cancels = reports.CancelAcks;
        if (!engine.TryPublish(OrderCommand.New(id, order, MonotonicClock.Now(), MonotonicClock.Now())))
        {
            Assert.Fail($"the order stream refused new order {id}");
        }

        Pump(og, engineReports, ref reports, acks, static (r, a) => r.Acks > a);
        if (!engine.TryPublish(new OrderCommand(OrderCommandType.Cancel, id, order.Instrument)))
        {
            Assert.Fail($"the order stream refused the cancel of {id}");
        }

        Pump(og, engineReports, ref reports, cancels, static (r, c) => r.CancelAcks > c);
    }

    private static void Pump(OgService og, Subscription engineReports, ref EngineSide reports, long threshold, Func<EngineSide, long, bool> done)
    {
        var deadline = MonotonicClock.Now() + ((long)Patience.TotalMilliseconds * 1_000_000);
        while (!done(reports, threshold))
        {
            if (og.DoWork() + engineReports.Poll(ref reports, 64) == 0)
            {
                Thread.Yield();
            }

            if (MonotonicClock.Now() > deadline)
            {
                Assert.Fail($"waited {Patience}: gateway state {og.Status().GatewayState} {og.LastAuthError}, {reports.Acks} acks, {reports.CancelAcks} cancel acks, last {reports.Last}");
            }
        }
    }

    /// <summary>What a rig creates, disposed in reverse order of creation (as <c>using var</c> locals would be).</summary>
    private abstract class Rig : IDisposable
    {
        private readonly Stack<IDisposable> _owned = new();

        public void Dispose()
        {
            while (_owned.TryPop(out var owned))
            {
                owned.Dispose();
            }
        }

        private protected T Own<T>(T disposable)
            where T : IDisposable
        {
            _owned.Push(disposable);
            return disposable;
        }
    }

    /// <summary>The embedded simulator, the engine ↔ og IPC streams and og in paper mode against the simulator.</summary>
    private sealed class PaperRig : Rig
    {
        public PaperRig(string directory)
        {
            try
            {
                Server = Own(new BitfinexSimulatorServer(new SimulatorOptions { EventsPerSecond = 500, EpochMillis = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }));
                Server.Start();
                var ipc = Own(new IpcDirectory(new IpcOptions { Directory = directory }));
                var engineOrders = Own(ipc.AddExclusivePublication(12));
                var ogCommands = Own(ipc.AddSubscription(12));
                var ogReports = Own(ipc.AddExclusivePublication(13));
                EngineReports = Own(ipc.AddSubscription(13));
                Og = Own(OgService.Paper(ogCommands, ogReports, Server.Url, SimInstrumentSpec.BtcUsd.Symbol, seed: 1, rest: Server.RestUrl));
                Engine = new OrderCommandPublisher(engineOrders);
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public BitfinexSimulatorServer Server { get; }

        public Subscription EngineReports { get; }

        public OgService Og { get; }

        public OrderCommandPublisher Engine { get; }
    }

    /// <summary>The simulated Binance (REST exchangeInfo, WebSocket API), the engine ↔ og IPC streams and og in paper mode at Binance.</summary>
    private sealed class BinanceRig : Rig
    {
        public BinanceRig(string directory)
        {
            try
            {
                Server = Own(ArbitrageVenues.CreateBinance(seed: 1, eventsPerSecond: 500, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                Server.Start();
                var registry = ArbitrageVenues.CreateRegistry(out _, out var binance);
                Binance = binance;
                var ipc = Own(new IpcDirectory(new IpcOptions { Directory = directory }));
                var engineOrders = Own(ipc.AddExclusivePublication(14));
                var ogCommands = Own(ipc.AddSubscription(14));
                var ogReports = Own(ipc.AddExclusivePublication(15));
                EngineReports = Own(ipc.AddSubscription(15));
                Og = Own(OgService.PaperBinance(ogCommands, ogReports, ArbitrageVenues.OrderEntryUrl(Server), Server.Rest!.BaseAddress, registry, 1));
                Engine = new OrderCommandPublisher(engineOrders);
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public VenueSimulatorServer Server { get; }

        public Instrument Binance { get; }

        public Subscription EngineReports { get; }

        public OgService Og { get; }

        public OrderCommandPublisher Engine { get; }
    }

    /// <summary>The engine's view of the report stream.</summary>
    private struct EngineSide : IFragmentHandler
    {
        public bool Ready;
        public byte GatewayState;
        public long Acks;
        public long CancelAcks;
        public long ReplaceAcks;
        public long LastAckId;
        public long Fills;
        public long Rejects;
        public ExecutionReport Last;
        public ExecutionReport LastFill;

        public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
        {
            if (GatewayStateRecord.TryRead(payload, out var state))
            {
                Ready = state.Ready;
                GatewayState = state.State;
                return;
            }

            if (!ExecutionReportRecord.TryRead(payload, out var report, out _))
            {
                return;
            }

            Last = report;
            if (report.Type == ExecType.Ack && report.ClientOrderId != LastAckId)
            {
                // Bitfinex acknowledges twice (the notification and the order stream): count orders.
                LastAckId = report.ClientOrderId;
                Acks++;
            }
            else if (report.Type == ExecType.CancelAck)
            {
                CancelAcks++;
            }
            else if (report.Type == ExecType.ReplaceAck)
            {
                ReplaceAcks++;
            }
            else if (report.Type == ExecType.Fill)
            {
                Fills++;
                LastFill = report;
            }
            else if (report.Type == ExecType.Reject)
            {
                Rejects++;
            }
        }
    }
}
