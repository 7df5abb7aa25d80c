using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Time;
using Velox.Host.Config;
using Velox.Host.Topology.Orders;
using Velox.Ipc;
using Velox.Ipc.Subscriptions;
using Velox.MarketData.Events;
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
        var bitfinex = new OrderCommandPublisher(bitfinexOrders) { OgReady = true };
        var binance = new OrderCommandPublisher(binanceOrders) { OgReady = true };
        Assert.That(EngineArbitrage.TryCreate(new VeloxConfig(), ExecutionMode.Paper, _journal, bitfinex, binance, out var created, out var error), Is.True, error);
        using var arbitrage = created!;

        Connect(bitfinexOrders, bitfinexOg, binanceOrders, binanceOg);

        // Bitfinex asks 60,000, Binance bids 60,600: 100 bps apart, well above fees and the 5 bps margin.
        var receive = MonotonicClock.Now();
        Book(arbitrage, arbitrage.A.Id, 59_990, 60_000, receive);
        Book(arbitrage, arbitrage.B.Id, 60_600, 60_610, receive);
        Assert.That(arbitrage.FlushBooks(), Is.EqualTo(2));

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
        var bitfinex = new OrderCommandPublisher(bitfinexOrders) { OgReady = true };
        var binance = new OrderCommandPublisher(binanceOrders);
        Assert.That(EngineArbitrage.TryCreate(new VeloxConfig(), ExecutionMode.Paper, _journal, bitfinex, binance, out var created, out var error), Is.True, error);
        using var arbitrage = created!;

        var receive = MonotonicClock.Now();
        Book(arbitrage, arbitrage.A.Id, 59_990, 60_000, receive);
        Book(arbitrage, arbitrage.B.Id, 60_600, 60_610, receive);
        arbitrage.FlushBooks();

        Assert.That(arbitrage.Trading, Is.False);
        Assert.That(Drain(bitfinexOg, bitfinexOrders), Is.Empty);
        Assert.That(Drain(binanceOg, binanceOrders), Is.Empty);
        Assert.That(arbitrage.Host.Strategy.Opportunities, Is.Zero);
    }

    /// <summary>Until each order publication sees its og's subscription (a claim before that is refused).</summary>
    private static void Connect(
        Velox.Ipc.Publications.ExclusivePublication bitfinexOrders, Subscription bitfinexOg, Velox.Ipc.Publications.ExclusivePublication binanceOrders, Subscription binanceOg)
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

    private static List<OrderCommand> Drain(Subscription og, Velox.Ipc.Publications.ExclusivePublication orders)
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
