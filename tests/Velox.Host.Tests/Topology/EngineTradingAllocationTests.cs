using Velox.Core;
using Velox.Core.Time;
using Velox.Host.Config;
using Velox.Host.Topology.Orders;
using Velox.Ipc;
using Velox.Ipc.Subscriptions;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Strategies.Execution;
using Velox.Trading.Oms;

namespace Velox.Host.Tests.Topology;

/// <summary>
/// The engine's decision → IPC offer path: md book events into <see cref="EngineTrading"/> (book, market maker, risk,
/// OMS, journal) → order commands claimed in the order stream, with a stand-in og on the same thread that acknowledges
/// over the real report stream. After warm-up, the engine path (and the stand-in) allocate nothing.
/// </summary>
[NonParallelizable]
public class EngineTradingAllocationTests
{
    private string _directory = string.Empty;
    private string _journal = string.Empty;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine("/dev/shm", $"velox-test-engine-{Guid.NewGuid():N}");
        _journal = Path.Combine(Path.GetTempPath(), $"velox-test-engine-{Guid.NewGuid():N}.journal");
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        File.Delete(_journal);
    }

    [TestCase(RequoteKind.Amend)]
    [TestCase(RequoteKind.CancelNew)]
    public void Decision_to_order_command_offer_allocates_nothing_after_warm_up(RequoteKind requote)
    {
        using var ipc = new IpcDirectory(new IpcOptions { Directory = _directory });
        using var orders = ipc.AddExclusivePublication(12);
        using var ogOrders = ipc.AddSubscription(12);
        using var reports = ipc.AddExclusivePublication(13);
        using var engineReports = ipc.AddSubscription(13);
        using var marketData = ipc.AddSubscription(10);
        using var status = ipc.AddExclusivePublication(21);
        using var tradingStatus = ipc.AddExclusivePublication(23);
        var publisher = new OrderCommandPublisher(orders);
        Assert.That(EngineTrading.TryCreate(
                new VeloxConfig { Risk = new RiskConfig { MaxOrdersPerSecond = 10_000_000 }, Strategy = new StrategyConfig { Mm = new MarketMakingConfig { Requote = requote } } },
                ExecutionMode.Paper, _journal, publisher, out var trading, out var error), Is.True, error);
        using var owned = trading!;
        var loop = new EngineTradingLoop(trading!, marketData, engineReports, orders, status, tradingStatus);
        var og = new StandInOg(reports);
        var market = new Market(trading!);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!(engineReports.IsConnected && reports.IsConnected && orders.IsConnected && ogOrders.IsConnected) && DateTime.UtcNow < deadline)
        {
            loop.Turn();
            reports.DoWork();
            ogOrders.Poll(ref og, 64);
            Thread.Sleep(1);
        }

        og.SendReady();
        while (!publisher.OgReady && DateTime.UtcNow < deadline)
        {
            loop.Turn();
        }

        Assert.That(publisher.OgReady, Is.True, "og's ready state reached the engine over the report stream");
        market.Snapshot();

        Drive(loop, ref og, ogOrders, market, 2_000);
        var sentBefore = trading!.Host.Router.OrdersSent + trading.Host.Router.AmendsSent;
        var amendsBefore = trading.Host.Router.AmendsSent;
        var commandsBefore = og.Commands;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Drive(loop, ref og, ogOrders, market, 2_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var router = trading.Host.Router;
        Assert.That(
            router.OrdersSent + router.AmendsSent - sentBefore,
            Is.GreaterThan(100),
            $"the window must contain decisions that sent orders (sent {router.OrdersSent}, risk rejects {router.RiskRejects} last {trading.Host.Strategy.LastRejectReason}, sink refusals {router.SinkRefusals}, decisions {trading.Host.Strategy.Decisions}, open {trading.Engine.Orders.OpenOrders})");
        Assert.That(og.Commands - commandsBefore, Is.GreaterThan(100));
        Assert.That(og.TickStamped, Is.GreaterThan(0), "new orders (or amends) from book decisions carry md's receive time");
        Assert.That(router.AmendsSent - amendsBefore, requote == RequoteKind.Amend ? Is.GreaterThan(100) : Is.Zero, "requotes as amend commands, or none");
        Assert.That(og.Amends, requote == RequoteKind.Amend ? Is.GreaterThan(100) : Is.Zero);
        Assert.That(trading.Engine.Orders.IllegalTransitions, Is.Zero);
        Assert.That(allocated, Is.Zero);
        Assert.That(trading.Counters.Count(ExecType.Ack) + trading.Counters.Count(ExecType.ReplaceAck), Is.GreaterThan(100));
    }

    private static void Drive(EngineTradingLoop loop, ref StandInOg og, Subscription ogOrders, Market market, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            market.Step();
            ogOrders.Poll(ref og, 64);
            loop.Turn();
        }
    }

    /// <summary>A book on instrument 0 whose mid moves 5 bps up and back, so the market maker requotes.</summary>
    private sealed class Market
    {
        private readonly EngineTrading _trading;
        private readonly long _bid;
        private readonly long _ask;
        private readonly long _move;
        private bool _up;

        public Market(EngineTrading trading)
        {
            _trading = trading;
            var one = (long)Velox.Core.Numerics.FixedPoint.Pow10(trading.Instrument.PriceScale);
            _bid = 60_000 * one;
            _ask = 60_010 * one;
            _move = 30 * one;
        }

        public void Snapshot()
        {
            var id = _trading.Instrument.Id;
            var now = MonotonicClock.Now();
            _trading.OnBookUpdate(new BookUpdate(id, Side.Bid, _bid, 100_000_000, 1, BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin, now));
            _trading.OnBookUpdate(new BookUpdate(id, Side.Ask, _ask, 100_000_000, 1, BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotEnd, now));
            _trading.OnBookState(id, BookSyncState.InSync);
        }

        public void Step()
        {
            var id = _trading.Instrument.Id;
            var now = MonotonicClock.Now();
            var from = _up ? _move : 0;
            var to = _up ? 0 : _move;
            _up = !_up;
            if (to > from)
            {
                Level(id, Side.Ask, _ask + to, _ask + from, now);
                Level(id, Side.Bid, _bid + to, _bid + from, now);
            }
            else
            {
                Level(id, Side.Bid, _bid + to, _bid + from, now);
                Level(id, Side.Ask, _ask + to, _ask + from, now);
            }
        }

        private void Level(Velox.Core.Instruments.InstrumentId id, Side side, long add, long remove, long now)
        {
            _trading.OnBookUpdate(new BookUpdate(id, side, add, 100_000_000, 1, BookUpdateFlags.None, now));
            _trading.OnBookUpdate(new BookUpdate(id, side, remove, 0, 0, BookUpdateFlags.Delete, now));
        }
    }

    /// <summary>Acknowledges new orders, cancels and amends on the real report stream, as og would.</summary>
    private struct StandInOg : IFragmentHandler
    {
        private readonly Velox.Ipc.Publications.ExclusivePublication _reports;
        private readonly byte[] _buffer;
        private long _venueId;

        public StandInOg(Velox.Ipc.Publications.ExclusivePublication reports)
        {
            _reports = reports;
            _buffer = new byte[ExecutionReportRecord.Length];
        }

        public long Commands { get; private set; }

        public long TickStamped { get; private set; }

        public long Amends { get; private set; }

        public readonly void SendReady()
        {
            new GatewayStateRecord(true, 4, MonotonicClock.Now()).Write(_buffer);
            Assert.That(_reports.Offer(_buffer.AsSpan(0, GatewayStateRecord.Length)), Is.GreaterThan(0));
        }

        public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
        {
            if (!OrderCommand.TryRead(payload, out var command))
            {
                return;
            }

            Commands++;
            switch (command.Type)
            {
                case OrderCommandType.New:
                    TickStamped += command.TickReceiveNanos > 0 ? 1 : 0;
                    Report(ExecutionReport.Ack(command.ClientOrderId, ++_venueId));
                    break;
                case OrderCommandType.Cancel:
                    Report(ExecutionReport.CancelAck(command.ClientOrderId));
                    break;
                case OrderCommandType.Amend:
                    Amends++;
                    TickStamped += command.TickReceiveNanos > 0 ? 1 : 0;
                    Report(ExecutionReport.ReplaceAck(command.ClientOrderId, command.Price, command.Quantity));
                    break;
            }
        }

        private readonly void Report(in ExecutionReport report)
        {
            ExecutionReportRecord.Write(_buffer, report, MonotonicClock.Now());
            _reports.Offer(_buffer);
        }
    }
}
