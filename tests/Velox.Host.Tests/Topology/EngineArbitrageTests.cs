using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Time;
using Velox.Host.Config;
using Velox.Host.Topology;
using Velox.Host.Topology.Orders;
using Velox.Ipc;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.MarketData.Events;
using Velox.MarketData.Streams;
using Velox.MarketData.Sync;
using Velox.Strategies.Arbitrage;
using Velox.Strategies.Execution;
using Velox.Trading.Oms;

namespace Velox.Host.Tests.Topology;

/// <summary>
/// `velox engine --strategy arb` on the test thread: crossed books of the two venues in (as md's events), the
/// arbitrage's legs out on the order stream of each leg's og (Bitfinex 12, Binance 14) stamped with the book's receive
/// time, and both og's reports back into the engine's positions.
/// </summary>
[NonParallelizable]
public class EngineArbitrageTests
{
    private string _directory = string.Empty;
    private string _journal = string.Empty;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine("/dev/shm", $"velox-test-arb-{Guid.NewGuid():N}");
        _journal = Path.Combine(Path.GetTempPath(), $"velox-test-arb-{Guid.NewGuid():N}.journal");
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

    [Test]
    public void Legs_go_to_the_og_of_their_venue_and_both_fills_reach_the_positions()
    {
        using var ipc = new IpcDirectory(new IpcOptions { Directory = _directory });
        using var bitfinexOrders = ipc.AddExclusivePublication(12);
        using var bitfinexOg = ipc.AddSubscription(12);
        using var binanceOrders = ipc.AddExclusivePublication(14);
        using var binanceOg = ipc.AddSubscription(14);
        using var arbitrage = Create(bitfinexOrders, binanceOrders);

        Connect(bitfinexOrders, bitfinexOg, binanceOrders, binanceOg);

        // Bitfinex asks 60,000, Binance bids 60,600: 100 bps apart, well above fees and the 5 bps margin.
        var receive = MonotonicClock.Now();
        Book(arbitrage, arbitrage.A.Id, 59_990, 60_000, receive);
        Book(arbitrage, arbitrage.B.Id, 60_600, 60_610, receive);
        Assert.That(arbitrage.Host.Router.OrdersSent, Is.Zero, "no decision before md's batch ends");
        Assert.That(arbitrage.OnBatchEnd(new BatchEndRecord(arbitrage.A.Id, TopologyStreams.BitfinexVenueId, 2)), Is.Zero, "the Binance book is still mid-batch");
        Assert.That(arbitrage.OnBatchEnd(new BatchEndRecord(arbitrage.B.Id, TopologyStreams.BinanceVenueId, 2)), Is.EqualTo(2), "both books whole: one decision each");

        var toBitfinex = Drain(bitfinexOg, bitfinexOrders);
        var toBinance = Drain(binanceOg, binanceOrders);
        ref var strategy = ref arbitrage.Host.Strategy;
        var router = arbitrage.Host.Router;
        var story = $"state {strategy.State}, checks {strategy.Checks}, stale {strategy.StaleSkips}, too small {strategy.TooSmall}, opportunities {strategy.Opportunities}, sent {router.OrdersSent}, risk rejections {router.RiskRejects}, refusals {router.SinkRefusals}";
        Assert.That(toBitfinex, Has.Count.EqualTo(1), "one leg to Bitfinex: " + story);
        Assert.That(toBinance, Has.Count.EqualTo(1), "one leg to Binance: " + story);
        var buy = toBitfinex[0];
        var sell = toBinance[0];
        Assert.That((buy.Type, buy.Instrument, buy.Side), Is.EqualTo((OrderCommandType.New, arbitrage.A.Id, Side.Bid)));
        Assert.That((sell.Type, sell.Instrument, sell.Side), Is.EqualTo((OrderCommandType.New, arbitrage.B.Id, Side.Ask)));
        Assert.That(buy.TickReceiveNanos, Is.EqualTo(receive), "each og gets the decision's tick time for its leg");
        Assert.That(sell.TickReceiveNanos, Is.EqualTo(receive));
        Assert.That(arbitrage.Host.Strategy.State, Is.EqualTo(ArbitrageState.Executing));

        // Both og's acknowledge and fill their leg.
        foreach (var leg in (ReadOnlySpan<OrderCommand>)[buy, sell])
        {
            arbitrage.OnReport(ExecutionReport.Ack(leg.ClientOrderId, leg.ClientOrderId + 1000));
            arbitrage.OnReport(ExecutionReport.Fill(leg.ClientOrderId, leg.ClientOrderId, leg.Price, leg.Quantity, 0, Liquidity.Taker));
        }

        var status = arbitrage.Status(0, 0);
        Assert.That((status.BitfinexOrders, status.BinanceOrders), Is.EqualTo((1L, 1L)));
        Assert.That((status.BitfinexFills, status.BinanceFills), Is.EqualTo((1L, 1L)));
        Assert.That(status.BitfinexPositionRaw, Is.EqualTo(buy.Quantity.Raw), "long at Bitfinex");
        Assert.That(status.BinancePositionRaw, Is.EqualTo(-sell.Quantity.Raw), "short at Binance");
        Assert.That(status.Completed, Is.EqualTo(1));
        Assert.That(EngineArbitrageStatus.Read(Written(status)), Is.EqualTo(status), "the status record round-trips");

        // Cancel-all for every instrument reaches both og's.
        Assert.That(arbitrage.Sink.TrySendCancelAll(InstrumentId.None), Is.True);
        Assert.That(Drain(bitfinexOg, bitfinexOrders).Single().Type, Is.EqualTo(OrderCommandType.CancelAll));
        Assert.That(Drain(binanceOg, binanceOrders).Single().Type, Is.EqualTo(OrderCommandType.CancelAll));
    }

    [Test]
    public void Nothing_is_decided_while_an_og_is_not_ready()
    {
        using var ipc = new IpcDirectory(new IpcOptions { Directory = _directory });
        using var bitfinexOrders = ipc.AddExclusivePublication(12);
        using var bitfinexOg = ipc.AddSubscription(12);
        using var binanceOrders = ipc.AddExclusivePublication(14);
        using var binanceOg = ipc.AddSubscription(14);
        using var arbitrage = Create(bitfinexOrders, binanceOrders, binanceReady: false);

        var receive = MonotonicClock.Now();
        Book(arbitrage, arbitrage.A.Id, 59_990, 60_000, receive);
        Book(arbitrage, arbitrage.B.Id, 60_600, 60_610, receive);
        arbitrage.OnBatchEnd(new BatchEndRecord(arbitrage.A.Id, TopologyStreams.BitfinexVenueId, 2));
        arbitrage.OnBatchEnd(new BatchEndRecord(arbitrage.B.Id, TopologyStreams.BinanceVenueId, 2));

        Assert.That(arbitrage.Trading, Is.False);
        Assert.That(Drain(bitfinexOg, bitfinexOrders), Is.Empty);
        Assert.That(Drain(binanceOg, binanceOrders), Is.Empty);
        Assert.That(arbitrage.Host.Strategy.Opportunities, Is.Zero);

        // The same crossing once the Binance og says it is ready: decided at the batch ends, one leg to each og.
        Connect(bitfinexOrders, bitfinexOg, binanceOrders, binanceOg);
        arbitrage.Binance.OgReady = true;
        receive = MonotonicClock.Now();
        Book(arbitrage, arbitrage.A.Id, 59_990, 60_000, receive);
        Book(arbitrage, arbitrage.B.Id, 60_600, 60_610, receive);
        arbitrage.OnBatchEnd(new BatchEndRecord(arbitrage.A.Id, TopologyStreams.BitfinexVenueId, 2));
        Assert.That(arbitrage.OnBatchEnd(new BatchEndRecord(arbitrage.B.Id, TopologyStreams.BinanceVenueId, 2)), Is.EqualTo(2));
        Assert.That(arbitrage.Host.Strategy.Opportunities, Is.EqualTo(1));
        Assert.That(Drain(bitfinexOg, bitfinexOrders), Has.Count.EqualTo(1));
        Assert.That(Drain(binanceOg, binanceOrders), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_diff_published_over_two_polls_is_decided_once_at_its_batch_end()
    {
        using var ipc = new IpcDirectory(new IpcOptions { Directory = _directory });
        using var bitfinexOrders = ipc.AddExclusivePublication(12);
        using var bitfinexOg = ipc.AddSubscription(12);
        using var binanceOrders = ipc.AddExclusivePublication(14);
        using var binanceOg = ipc.AddSubscription(14);
        using var bitfinexReports = ipc.AddSubscription(13);
        using var binanceReports = ipc.AddSubscription(15);
        using var status = ipc.AddExclusivePublication(20);
        using var tradingStatus = ipc.AddExclusivePublication(23);
        using var mdEvents = ipc.AddExclusivePublication(10);
        using var marketData = ipc.AddSubscription(10);
        using var arbitrage = Create(bitfinexOrders, binanceOrders);
        var loop = new EngineArbitrageLoop(arbitrage, marketData, new EngineArbitrageStreams(bitfinexOrders, bitfinexReports, binanceOrders, binanceReports, status, tradingStatus));
        Connect(bitfinexOrders, bitfinexOg, binanceOrders, binanceOg);
        ConnectMd(mdEvents, marketData, () => loop.Turn());
        var bitfinexMd = new MarketDataPublisher(mdEvents, TopologyStreams.BitfinexVenueId);
        var binanceMd = new MarketDataPublisher(mdEvents, TopologyStreams.BinanceVenueId);
        ref var strategy = ref arbitrage.Host.Strategy;

        // md's first turns: Bitfinex 59,990 / 60,000, Binance 59,980 / 59,995; no crossing, one check per book.
        var receive = MonotonicClock.Now();
        Snapshot(ref bitfinexMd, arbitrage.A.Id, 59_990, 60_000, receive);
        Assert.That(bitfinexMd.EndBatch(), Is.EqualTo(1));
        Snapshot(ref binanceMd, arbitrage.B.Id, 59_980, 59_995, receive);
        Assert.That(binanceMd.EndBatch(), Is.EqualTo(1));
        Pump(loop, mdEvents, () => arbitrage.BatchEnds == 2);
        var checks = strategy.Checks;
        Assert.That((checks, arbitrage.Host.Router.OrdersSent), Is.EqualTo((2L, 0L)), "both books decided once, nothing crossed");

        // A Binance diff moving its book up 100 bps, of which the first poll sees half: bid 60,600 against ask
        // 59,995, a crossed book that never existed at the venue and looks like a 100 bps opportunity.
        receive = MonotonicClock.Now();
        binanceMd.OnBookUpdate(Level(arbitrage.B.Id, Side.Bid, 59_980, 0, receive));
        binanceMd.OnBookUpdate(Level(arbitrage.B.Id, Side.Bid, 60_600, 1_00000000, receive));
        Pump(loop, mdEvents, () => arbitrage.Books.BookLevels >= 6);
        Assert.That(arbitrage.Books.Book(arbitrage.B.Id)!.TryGetTop(out var halfBid, out var halfAsk), Is.True);
        Assert.That((halfBid.Price, halfAsk.Price), Is.EqualTo((60_600L * 100_000_000, 59_995L * 100_000_000)), "half the diff is applied");
        Assert.That(strategy.Checks, Is.EqualTo(checks), "no decision on half a diff at the poll boundary");
        Assert.That(arbitrage.Host.Router.OrdersSent, Is.Zero);

        // The rest of the diff and md's batch end: one decision on the whole book (60,600 / 60,610 against 60,000).
        binanceMd.OnBookUpdate(Level(arbitrage.B.Id, Side.Ask, 59_995, 0, receive));
        binanceMd.OnBookUpdate(Level(arbitrage.B.Id, Side.Ask, 60_610, 1_00000000, receive));
        Assert.That(binanceMd.EndBatch(), Is.EqualTo(1));
        Pump(loop, mdEvents, () => arbitrage.BatchEnds == 3);
        for (var i = 0; i < 10; i++)
        {
            loop.Turn();
        }

        Assert.That(strategy.Checks, Is.EqualTo(checks + 1), "exactly one decision, at the batch end");
        Assert.That(strategy.Opportunities, Is.EqualTo(1));
        var toBitfinex = Drain(bitfinexOg, bitfinexOrders);
        var toBinance = Drain(binanceOg, binanceOrders);
        Assert.That(toBitfinex.Select(c => (c.Type, c.Side)), Is.EqualTo(new[] { (OrderCommandType.New, Side.Bid) }), "buy at Bitfinex");
        Assert.That(toBinance.Select(c => (c.Type, c.Side)), Is.EqualTo(new[] { (OrderCommandType.New, Side.Ask) }), "sell the whole book's bid at Binance");
        Assert.That(toBinance[0].TickReceiveNanos, Is.EqualTo(receive));
    }

    [Test]
    public void Levels_and_batch_ends_from_md_to_the_decision_allocate_nothing()
    {
        using var ipc = new IpcDirectory(new IpcOptions { Directory = _directory });
        using var bitfinexOrders = ipc.AddExclusivePublication(12);
        using var binanceOrders = ipc.AddExclusivePublication(14);
        using var mdEvents = ipc.AddExclusivePublication(10);
        using var marketData = ipc.AddSubscription(10);
        using var arbitrage = Create(bitfinexOrders, binanceOrders);
        var feed = new MarketDataBatchFragmentHandler<EngineArbitrageFeed>(new EngineArbitrageFeed(arbitrage));
        ConnectMd(mdEvents, marketData, () => marketData.Poll(ref feed, 16));
        var md = new MarketDataPublisher(mdEvents, TopologyStreams.BinanceVenueId);
        var receive = MonotonicClock.Now();
        Snapshot(ref md, arbitrage.A.Id, 59_990, 60_000, receive);
        Snapshot(ref md, arbitrage.B.Id, 59_980, 59_995, receive);
        md.EndBatch();

        // Binance diffs that move its bid and never cross Bitfinex: each decided once, at its batch end.
        Diffs(ref md, mdEvents, marketData, ref feed, arbitrage, 1000);
        var checks = arbitrage.Host.Strategy.Checks;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Diffs(ref md, mdEvents, marketData, ref feed, arbitrage, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(arbitrage.Host.Strategy.Checks - checks, Is.EqualTo(10_000), "one decision per diff");
        Assert.That(arbitrage.Host.Router.OrdersSent, Is.Zero);
        Assert.That((feed.Unknown, md.Dropped), Is.EqualTo((0L, 0L)));
    }

    /// <summary>The arbitrage engine over the two og order streams, the Bitfinex og ready, the Binance og as <paramref name="binanceReady"/>.</summary>
    private EngineArbitrage Create(ExclusivePublication bitfinexOrders, ExclusivePublication binanceOrders, bool binanceReady = true)
    {
        var bitfinex = new OrderCommandPublisher(bitfinexOrders) { OgReady = true };
        var binance = new OrderCommandPublisher(binanceOrders) { OgReady = binanceReady };
        Assert.That(EngineArbitrage.TryCreate(new VeloxConfig(), ExecutionMode.Paper, _journal, bitfinex, binance, out var created, out var error), Is.True, error);
        return created!;
    }

    /// <summary>Until md's publication and the engine's subscription see each other, <paramref name="poll"/> reading the engine's side.</summary>
    private static void ConnectMd(ExclusivePublication mdEvents, Subscription marketData, Action poll)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!(mdEvents.IsConnected && marketData.IsConnected) && DateTime.UtcNow < deadline)
        {
            mdEvents.DoWork();
            poll();
            Thread.Sleep(1);
        }

        Assert.That(mdEvents.IsConnected && marketData.IsConnected, Is.True, "the md stream connects");
    }

    /// <summary>Until each order publication sees its og's subscription (a claim before that is refused).</summary>
    private static void Connect(ExclusivePublication bitfinexOrders, Subscription bitfinexOg, ExclusivePublication binanceOrders, Subscription binanceOg)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var reader = new Commands();
        while (!(bitfinexOrders.IsConnected && binanceOrders.IsConnected && bitfinexOg.IsConnected && binanceOg.IsConnected) && DateTime.UtcNow < deadline)
        {
            bitfinexOrders.DoWork();
            binanceOrders.DoWork();
            bitfinexOg.Poll(ref reader, 64);
            binanceOg.Poll(ref reader, 64);
            Thread.Sleep(1);
        }

        Assert.That(bitfinexOrders.IsConnected && binanceOrders.IsConnected && bitfinexOg.IsConnected && binanceOg.IsConnected, Is.True, "the order streams connect");
    }

    private static byte[] Written(EngineArbitrageStatus status)
    {
        var bytes = new byte[EngineArbitrageStatus.Length];
        status.Write(bytes);
        return bytes;
    }

    /// <summary>A one-level snapshot per side and InSync, as md publishes a book.</summary>
    private static void Book(EngineArbitrage arbitrage, InstrumentId instrument, long bid, long ask, long receiveNanos)
    {
        const long Size = 1_00000000;
        arbitrage.OnBookUpdate(new BookUpdate(instrument, Side.Bid, bid * 100_000_000, Size, 1, BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin, receiveNanos));
        arbitrage.OnBookUpdate(new BookUpdate(instrument, Side.Ask, ask * 100_000_000, Size, 1, BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotEnd, receiveNanos));
        arbitrage.OnBookState(instrument, BookSyncState.InSync);
    }

    /// <summary>md's snapshot of one book: a level per side and InSync.</summary>
    private static void Snapshot(ref MarketDataPublisher md, InstrumentId instrument, long bid, long ask, long receiveNanos)
    {
        md.OnBookState(instrument, BookSyncState.AwaitingSnapshot, ResyncReason.None);
        md.OnBookUpdate(new BookUpdate(instrument, Side.Bid, bid * 100_000_000, 1_00000000, 1, BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin, receiveNanos));
        md.OnBookUpdate(new BookUpdate(instrument, Side.Ask, ask * 100_000_000, 1_00000000, 1, BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotEnd, receiveNanos));
        md.OnBookState(instrument, BookSyncState.InSync, ResyncReason.None);
    }

    private static BookUpdate Level(InstrumentId instrument, Side side, long price, long size, long receiveNanos) =>
        new(instrument, side, price * 100_000_000, size, size == 0 ? 0 : 1, size == 0 ? BookUpdateFlags.Delete : BookUpdateFlags.None, receiveNanos);

    /// <summary>Per round one two-level Binance diff and md's batch end, polled into the engine.</summary>
    private static void Diffs(
        ref MarketDataPublisher md, ExclusivePublication mdEvents, Subscription marketData,
        ref MarketDataBatchFragmentHandler<EngineArbitrageFeed> feed, EngineArbitrage arbitrage, int rounds)
    {
        var b = arbitrage.B.Id;
        for (var i = 0; i < rounds; i++)
        {
            var receive = MonotonicClock.Now();
            var bid = 59_980 - (i % 2);
            md.OnBookUpdate(Level(b, Side.Bid, bid, 0, receive));
            md.OnBookUpdate(Level(b, Side.Bid, bid == 59_980 ? 59_979 : 59_980, 1_00000000, receive));
            md.EndBatch();
            mdEvents.DoWork();
            var expected = arbitrage.BatchEnds + 1;
            var deadline = Environment.TickCount64 + 10_000;
            while (arbitrage.BatchEnds < expected)
            {
                marketData.Poll(ref feed, 16);
                if (Environment.TickCount64 > deadline)
                {
                    Assert.Fail("md's batch end did not reach the engine within 10 s");
                }
            }
        }
    }

    /// <summary>Turns the engine until <paramref name="done"/> (md's records delivered).</summary>
    private static void Pump(EngineArbitrageLoop loop, ExclusivePublication md, Func<bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!done() && DateTime.UtcNow < deadline)
        {
            md.DoWork();
            loop.Turn();
        }

        Assert.That(done(), Is.True, "md's records reach the engine");
    }

    private static List<OrderCommand> Drain(Subscription og, ExclusivePublication orders)
    {
        orders.DoWork();
        var reader = new Commands();
        for (var i = 0; i < 10 && og.Poll(ref reader, 64) + orders.DoWork() > 0; i++)
        {
        }

        return reader.Received;
    }

    private struct Commands : IFragmentHandler
    {
        public Commands() => Received = [];

        public List<OrderCommand> Received { get; }

        public readonly void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
        {
            Assert.That(OrderCommand.TryRead(payload, out var command), Is.True);
            Received.Add(command);
        }
    }
}
