using BenchmarkDotNet.Attributes;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.MarketData.Sync;
using Velox.Trading;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Positions;
using Velox.Trading.Risk;

namespace Velox.Benchmarks;

/// <summary>
/// The order path through <see cref="TradingEngine"/>: submit (risk check, OMS slot, journal) then ack,
/// partial fill, fill and a cancel ack for the other side, each journalled; and a journal append alone.
/// The journal writes to <see cref="Stream.Null"/> so the figure is the encoding, not the disk.
/// </summary>
[MemoryDiagnoser]
public class TradingBenchmarks
{
    private const int Rounds = 1_000;
    private const int Appends = 10_000;
    private static readonly InstrumentId Btc = new(0);

    private ReplayClock _clock = null!;
    private TradingEngine _engine = null!;
    private JournalWriter _journal = null!;
    private JournalWriter _appendOnly = null!;
    private long _fillId;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new InstrumentRegistry();
        registry.Add("sim", "BTC-USD", 2, 4);
        _clock = new ReplayClock(1_000_000_000);
        var orders = new OrderManager(new OmsOptions { MaxOrders = 64, MaxInstruments = 1, FillIdHistory = 1024 }, new ClientOrderIdSource(1), _clock);
        var positions = new PositionBook(registry);
        var breakers = new CircuitBreakers(new BreakerOptions(), 1);
        var killSwitch = new KillSwitch();
        var risk = new PreTradeRisk(new RiskOptions { VenueOrderBurst = int.MaxValue, VenueOrdersPerSecond = int.MaxValue }, registry, _clock, orders, positions, breakers, killSwitch);
        _journal = new JournalWriter(Stream.Null, 1024, _clock, SystemWallClock.Instance);
        _engine = new TradingEngine(orders, risk, positions, breakers, killSwitch, _clock, _journal);
        _appendOnly = new JournalWriter(Stream.Null, 1024, _clock, SystemWallClock.Instance);
    }

    /// <summary>Per round: 2 submits, 2 acks, 3 fills, 1 cancel ack (8 engine calls, about 8 journal records).</summary>
    [Benchmark(OperationsPerInvoke = Rounds)]
    public long SubmitAckFillCancel()
    {
        var market = new MarketState(BookSyncState.InSync, _clock.NowNanos(), new Price(10_000));
        for (var i = 0; i < Rounds; i++)
        {
            _engine.TrySubmit(OrderRequest.Limit(Btc, Side.Bid, new Price(10_000), new Quantity(20_000)), market, out _, out var buy);
            _engine.OnReport(ExecutionReport.Ack(buy, buy));
            _engine.OnReport(ExecutionReport.Fill(buy, ++_fillId, new Price(10_000), new Quantity(5_000), 7, Liquidity.Maker));
            _engine.OnReport(ExecutionReport.Fill(buy, ++_fillId, new Price(10_000), new Quantity(15_000), -3, Liquidity.Maker));
            _engine.TrySubmit(OrderRequest.Limit(Btc, Side.Ask, new Price(10_001), new Quantity(20_000)), market, out _, out var sell);
            _engine.OnReport(ExecutionReport.Ack(sell, sell));
            _engine.OnReport(ExecutionReport.Fill(sell, ++_fillId, new Price(10_001), new Quantity(20_000), 9, Liquidity.Taker));
            _engine.OnReport(ExecutionReport.CancelAck(sell));
            _engine.FlushJournal();
        }

        _clock.Advance(1_000);
        return _journal.Appended;
    }

    [Benchmark(OperationsPerInvoke = Appends)]
    public long JournalAppend()
    {
        var entry = new JournalEntry { Type = JournalRecordType.NewOrder, ClientOrderId = 1, Price = new Price(10_000), Quantity = new Quantity(1), Instrument = Btc, Side = Side.Bid };
        for (var i = 0; i < Appends; i++)
        {
            if (!_appendOnly.TryAppend(ref entry))
            {
                _appendOnly.Flush(false);
                _appendOnly.TryAppend(ref entry);
            }
        }

        return _appendOnly.Appended;
    }
}
