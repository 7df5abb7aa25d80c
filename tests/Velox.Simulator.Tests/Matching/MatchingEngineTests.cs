using Velox.MarketData;
using Velox.Simulator.Market;
using Velox.Simulator.Matching;

namespace Velox.Simulator.Tests.Matching;

public class MatchingEngineTests
{
    private const long One = 100_000_000; // 1 BTC at size scale 8
    private const long Price100 = 100_0000000000; // 100 USD at price scale 10

    private static readonly SimAccount[] Accounts =
    [
        Account("a"), Account("b"), Account("c"),
    ];

    private static SimAccount Account(string key) => new()
    {
        ApiKey = key,
        ApiSecret = key,
        Balances = new Dictionary<string, string> { ["BTC"] = "10", ["USD"] = "10000" },
    };

    private static (MatchingEngine Engine, Recorder[] Sinks) Engine(FeeSchedule? fees = null)
    {
        var engine = new MatchingEngine([SimInstrumentSpec.BtcUsd], Accounts, fees ?? FeeSchedule.Default, seed: 3);
        var sinks = new Recorder[Accounts.Length];
        for (var a = 0; a < sinks.Length; a++)
        {
            sinks[a] = new Recorder();
            engine.Attach(a, sinks[a]);
        }

        return (engine, sinks);
    }

    private static void Limit(MatchingEngine engine, Recorder sink, int account, long amount, long price, long cid = 0) =>
        engine.Submit(new SimOrderRequest { Account = account, Instrument = 0, Amount = amount, Price = price, Type = SimOrderType.Limit, Cid = cid }, EmptyBook.Instance, 1, sink);

    [Test]
    public void SamePrice_FillsInTimeOrder_AndAPriceAmendLosesPriority()
    {
        var (engine, sinks) = Engine();
        Limit(engine, sinks[0], 0, -One, Price100, cid: 1);
        Limit(engine, sinks[1], 1, -One, Price100, cid: 2);
        Limit(engine, sinks[2], 2, One / 2, Price100);
        Assert.That(sinks[0].Fills, Has.Count.EqualTo(1), "the older order fills first");
        Assert.That(sinks[1].Fills, Is.Empty);

        var a = sinks[0].Events.First(e => e.Kind == ExecutionKind.OrderNew).Order.Id;
        engine.Amend(0, a, Price100 + 10_000_000_000, 0, 0, EmptyBook.Instance, 2, sinks[0]);
        engine.Amend(0, a, Price100, 0, 0, EmptyBook.Instance, 3, sinks[0]);
        Limit(engine, sinks[2], 2, One / 2, Price100);
        Assert.That(sinks[1].Fills, Has.Count.EqualTo(1), "after moving away and back, a is behind b");
        Assert.That(sinks[0].Fills, Has.Count.EqualTo(1));
    }

    [Test]
    public void AmountDecrease_KeepsPriority()
    {
        var (engine, sinks) = Engine();
        Limit(engine, sinks[0], 0, -One, Price100);
        Limit(engine, sinks[1], 1, -One, Price100);
        var a = sinks[0].Events.First(e => e.Kind == ExecutionKind.OrderNew).Order.Id;
        engine.Amend(0, a, 0, -One / 2, 0, EmptyBook.Instance, 2, sinks[0]);
        Limit(engine, sinks[2], 2, One / 4, Price100);
        Assert.That(sinks[0].Fills, Has.Count.EqualTo(1));
        Assert.That(sinks[1].Fills, Is.Empty);
    }

    [Test]
    public void UserAgainstUser_ChargesTakerAndRebatesMaker_AndConservesValue()
    {
        var (engine, sinks) = Engine(new FeeSchedule { MakerBps = -5, TakerBps = 25 });
        Limit(engine, sinks[0], 0, -One, Price100);
        Limit(engine, sinks[1], 1, One, Price100 + 50_0000000000); // crosses: trades at the maker's 100

        var maker = sinks[0].Fills.Single();
        var taker = sinks[1].Fills.Single();
        Assert.That(maker.Maker, Is.True);
        Assert.That(taker.Maker, Is.False);
        Assert.That(taker.ExecPrice, Is.EqualTo(Price100));
        Assert.That(maker.Fee, Is.EqualTo(100_00000000L * 5 / 10_000), "rebate on 100 USD received");
        Assert.That(taker.Fee, Is.EqualTo(-One * 25 / 10_000), "fee on 1 BTC received");

        Span<long> bal = stackalloc long[2];
        Span<long> avail = stackalloc long[2];
        engine.CopyWallets(0, bal, avail);
        Assert.That(bal[0], Is.EqualTo(9 * One));
        Assert.That(bal[1], Is.EqualTo(10_100_00000000 + (100_00000000 * 5 / 10_000)));
        engine.CopyWallets(1, bal, avail);
        Assert.That(bal[0], Is.EqualTo((11 * One) - (One * 25 / 10_000)));
        Assert.That(bal[1], Is.EqualTo(9_900_00000000));
        Assert.That(avail[1], Is.EqualTo(bal[1]), "the taker's reservation at 150 was released");
    }

    [Test]
    public void MarketBuyWithoutLiquidity_IsCancelledWithoutFills()
    {
        var (engine, sinks) = Engine();
        engine.Submit(new SimOrderRequest { Account = 0, Instrument = 0, Amount = One, Type = SimOrderType.Market }, EmptyBook.Instance, 1, sinks[0]);
        var closed = sinks[0].Events.Single(e => e.Kind == ExecutionKind.OrderClosed);
        Assert.That(closed.Order.Status, Is.EqualTo(SimOrderStatus.Canceled));
        Assert.That(sinks[0].Fills, Is.Empty);
    }

    private sealed class Recorder : IExecutionSink
    {
        public List<ExecutionEvent> Events { get; } = [];

        public List<ExecutionEvent> Fills => Events.Where(e => e.Kind == ExecutionKind.Fill).ToList();

        public void Enqueue(in ExecutionEvent e) => Events.Add(e);
    }

    private sealed class EmptyBook : ISyntheticLiquidity
    {
        public static EmptyBook Instance { get; } = new();

        public int Depth(int instrument, bool bids) => 0;

        public BookLevel Level(int instrument, bool bids, int index) => throw new InvalidOperationException("empty book");

        public void Consume(int instrument, bool bids, long size, long tradePrice, bool takerBuys, long mts) => throw new InvalidOperationException("empty book");
    }
}
