using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.Host.Config;
using Velox.Host.Trading;
using Velox.Host.Trading.Arbitrage;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Streams;
using Velox.MarketData.Sync;
using Velox.Strategies.Arbitrage;
using Velox.Strategies.Execution;
using Velox.Strategies.Hosting;
using Velox.Trading;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// The trading half of `velox engine --strategy arb`: the <see cref="TradingEngine"/> (risk, OMS, positions per
/// venue, breakers, kill switch, journal file) and the cross-venue arbitrage between tBTCUSD at Bitfinex and BTCUSDT at
/// Binance (<see cref="ArbitrageVenues"/>), fed by md's book events through <see cref="EngineBooks"/> and by both
/// og's reports; each leg goes to the og of its venue (<see cref="ArbitrageIpcSink"/>). A book's levels are applied
/// as they arrive but the strategy decides only at md's batch boundaries (<see cref="OnBatchEnd"/>: md closed a
/// connector turn whose frames were all applied), once per changed book and only while no book is between a level
/// and its batch end, so it never decides on a Binance diff half published, whatever the poll boundaries. The
/// strategy decides only while both og's are ready and <see cref="Running"/>; reports always reach it (a leg that
/// fills during shutdown must be seen). Single-threaded (the engine's duty cycle).
/// </summary>
public sealed class EngineArbitrage : IOgReports, IDisposable
{
    private readonly JournalWriter _journal;
    private readonly long[] _fills;
    private readonly DeferredBooks _books;
    private readonly bool[] _open;
    private int _openBooks;

    private EngineArbitrage(
        TradingEngine engine, StrategyHost<CrossVenueArbitrage<ArbitrageIpcSink>, ArbitrageIpcSink> host, OrderCommandPublisher bitfinex,
        OrderCommandPublisher binance, ArbitrageIpcSink sink, Instrument a, Instrument b, JournalWriter journal, string journalPath, int instruments)
    {
        Engine = engine;
        Sink = sink;
        Host = host;
        Bitfinex = bitfinex;
        Binance = binance;
        A = a;
        B = b;
        _journal = journal;
        JournalPath = journalPath;
        Counters = new TradingCounters(engine.Orders);
        _fills = new long[instruments];
        _books = new DeferredBooks(instruments);
        _open = new bool[instruments];
    }

    public EngineBooks Books { get; } = new();

    public TradingEngine Engine { get; }

    public StrategyHost<CrossVenueArbitrage<ArbitrageIpcSink>, ArbitrageIpcSink> Host { get; }

    /// <summary>The order stream to the Bitfinex og.</summary>
    public OrderCommandPublisher Bitfinex { get; }

    /// <summary>The order stream to the Binance og.</summary>
    public OrderCommandPublisher Binance { get; }

    /// <summary>Where the strategy's commands go (by venue).</summary>
    public ArbitrageIpcSink Sink { get; }

    /// <summary>The Bitfinex instrument (the strategy's A).</summary>
    public Instrument A { get; }

    /// <summary>The Binance instrument (the strategy's B).</summary>
    public Instrument B { get; }

    public string JournalPath { get; }

    /// <summary>Execution reports applied, by type.</summary>
    public TradingCounters Counters { get; }

    /// <summary>False once shutdown began: the strategy starts no new cycle.</summary>
    public bool Running { get; set; } = true;

    /// <summary>True while the strategy decides: running and both og's ready.</summary>
    public bool Trading => Running && Bitfinex.OgReady && Binance.OgReady;

    /// <summary>Recoveries that ended flat again (Unwound events).</summary>
    public long Recovered { get; private set; }

    /// <summary>Batch-end records consumed (<see cref="OnBatchEnd"/>).</summary>
    public long BatchEnds { get; private set; }

    /// <summary>Journal records appended.</summary>
    public long JournalRecords => _journal.Appended;

    /// <summary>True while an arbitrage cycle is in flight (legs out, or a shortfall being unwound).</summary>
    public bool InCycle => Host.Strategy.State is ArbitrageState.OpportunityFound or ArbitrageState.Executing or ArbitrageState.Recovering;

    /// <summary>Builds the engine, risk, OMS, journal and strategy from <paramref name="config"/>; false with a message.</summary>
    public static bool TryCreate(
        VeloxConfig config, ExecutionMode mode, string journalPath, OrderCommandPublisher bitfinex, OrderCommandPublisher binance, out EngineArbitrage? arbitrage,
        out string error)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(journalPath);
        arbitrage = null;
        var registry = ArbitrageVenues.CreateRegistry(out var a, out var b);
        if (!ArbitrageVenues.TrySettings(config, a, b, out var settings, out error))
        {
            return false;
        }

        var clock = MonotonicClock.Instance;
        if (!TradingJournal.TryCreate(journalPath, clock, new SystemWallClock(), out var journal, out error))
        {
            return false;
        }

        var engine = TradingEngine.Create(registry, settings!.Risk, settings.Breakers, new ClientOrderIdSource(1), clock, journal);
        var sink = new ArbitrageIpcSink(bitfinex, binance, b.Id, mode);
        var host = StrategyHosts.Arbitrage(settings.Parameters, registry, engine, new MarketView(registry.Count), sink, clock);
        arbitrage = new EngineArbitrage(engine, host, bitfinex, binance, sink, a, b, journal, journalPath, registry.Count);
        return true;
    }

    /// <summary>A book level from md: applied to the book (now mid-batch); while trading the decision waits for the book's <see cref="OnBatchEnd"/>.</summary>
    public void OnBookUpdate(in BookUpdate update)
    {
        Books.OnBookUpdate(update);
        var id = update.Instrument.Value;
        if (id >= _books.Count)
        {
            return;
        }

        if (!_open[id])
        {
            _open[id] = true;
            _openBooks++;
        }

        Attach(update.Instrument);
        if (!Trading)
        {
            Host.Market.OnBookUpdate(update);
            return;
        }

        _books.Defer(update);
    }

    /// <summary>
    /// md closed a batch of <see cref="BatchEndRecord.Instrument"/>'s book: that book is whole again. When no book is
    /// mid-batch (the strategy reads both venues' books), the strategy decides once per changed book, each command
    /// stamped with that book's receive time; otherwise the changed books wait for the last open batch to end.
    /// Returns the decisions made.
    /// </summary>
    public int OnBatchEnd(in BatchEndRecord batch)
    {
        BatchEnds++;
        var id = batch.Instrument.Value;
        if (id < _open.Length && _open[id])
        {
            _open[id] = false;
            _openBooks--;
        }

        return _openBooks == 0 ? Decide() : 0;
    }

    /// <summary>The strategy decides once per changed book.</summary>
    private int Decide()
    {
        var work = 0;
        for (var i = _books.TakeNext(0); i >= 0; i = _books.TakeNext(i + 1))
        {
            work++;
            var receive = _books[i].ReceiveNanos;
            Bitfinex.Arm(receive);
            Binance.Arm(receive);
            Host.OnBookUpdate(_books[i]);
            Bitfinex.Disarm();
            Binance.Disarm();
        }

        return work;
    }

    public void OnTrade(in TradeEvent trade)
    {
        Books.OnTrade(trade);
        if (Trading && trade.Instrument.Value < _books.Count)
        {
            Host.OnTrade(trade);
        }
    }

    public void OnBookState(InstrumentId instrument, BookSyncState state)
    {
        Books.OnBookState(instrument, state);
        if (instrument.Value >= _books.Count)
        {
            return;
        }

        Attach(instrument);
        if (Trading)
        {
            Host.OnBookState(instrument, state);
        }
        else
        {
            Host.Market.OnBookState(instrument, state);
        }
    }

    /// <summary>A report from either og: applied by the engine (journal, OMS, positions, breakers), then told to the strategy.</summary>
    public void OnReport(in ExecutionReport report)
    {
        var outcome = Host.Router.OnReport(report);
        Counters.OnReport(report, outcome);
        if (outcome == ReportOutcome.Applied && report.Type == ExecType.Fill && Engine.Orders.TryGet(report.ClientOrderId, out var order))
        {
            _fills[order.Instrument.Value]++;
        }

        Host.Strategy.OnExecutionReport(report, outcome);
        Host.Router.SyncStops();
    }

    /// <summary>
    /// The strategy's timer (leg timeouts, unwinds, kill switch) while trading or while a cycle finishes. Outside a
    /// cycle the timer looks for an opportunity in the books, so while a book is mid-batch only the kill switch is
    /// synced: the next batch end decides.
    /// </summary>
    public void OnTimer(long nowNanos)
    {
        if (InCycle || (Trading && _openBooks == 0))
        {
            Host.OnTimer(nowNanos);
        }
        else if (Trading)
        {
            Host.Router.SyncStops();
        }
    }

    /// <summary>Takes the strategy's events (counting the recoveries that ended flat); returns how many, calling <paramref name="onRecoveryStep"/> for each one that is not routine.</summary>
    public int DrainEvents(Action<ArbitrageEvent>? onRecoveryStep)
    {
        var events = Host.Strategy.Events;
        var n = 0;
        while (events.TryRead(out var e))
        {
            n++;
            if (e.Kind == ArbitrageEventKind.Unwound)
            {
                Recovered++;
            }

            if (e.Kind is not (ArbitrageEventKind.OpportunityFound or ArbitrageEventKind.LegsSent or ArbitrageEventKind.Completed or ArbitrageEventKind.BothLegsMissed))
            {
                onRecoveryStep?.Invoke(e);
            }
        }

        return n;
    }

    /// <summary>Fills applied on <paramref name="instrument"/>.</summary>
    public long Fills(InstrumentId instrument) => _fills[instrument.Value];

    public void FlushJournal(bool toDisk = false) => Engine.FlushJournal(toDisk);

    /// <summary>The counters as published on the trading status stream.</summary>
    public EngineArbitrageStatus Status(int bitfinexReports, int binanceReports)
    {
        var positions = Engine.Positions;
        var router = Host.Router;
        ref var strategy = ref Host.Strategy;
        var realized = ToDecimal(positions.NetRealizedPnl(A.Id), positions.NotionalScale(A.Id)) + ToDecimal(positions.NetRealizedPnl(B.Id), positions.NotionalScale(B.Id));
        return new EngineArbitrageStatus
        {
            OrdersSent = router.OrdersSent,
            Acked = Counters.Count(ExecType.Ack),
            Rejected = Counters.Count(ExecType.Reject),
            Fills = Counters.Count(ExecType.Fill),
            CancelAcks = Counters.Count(ExecType.CancelAck),
            Expired = Counters.Count(ExecType.Expire),
            RiskRejects = router.RiskRejects,
            SinkRefusals = router.SinkRefusals,
            OpenOrders = Engine.Orders.OpenOrders,
            JournalRecords = _journal.Appended,
            BitfinexOrders = Bitfinex.NewOrders,
            BinanceOrders = Binance.NewOrders,
            BitfinexFills = Fills(A.Id),
            BinanceFills = Fills(B.Id),
            BitfinexPositionRaw = EngineTradingStatus.ToRaw(ToDecimal(positions[A.Id].Quantity.Raw, A.SizeScale)),
            BinancePositionRaw = EngineTradingStatus.ToRaw(ToDecimal(positions[B.Id].Quantity.Raw, B.SizeScale)),
            BitfinexPnlRaw = EngineTradingStatus.ToRaw(Pnl(A)),
            BinancePnlRaw = EngineTradingStatus.ToRaw(Pnl(B)),
            RealizedPnlRaw = EngineTradingStatus.ToRaw(realized),
            Opportunities = strategy.Opportunities,
            Completed = strategy.Completed,
            Failed = strategy.Failures,
            Recoveries = strategy.Recoveries,
            Recovered = Recovered,
            UnwindsSent = strategy.UnwindsSent,
            Exposure = strategy.Exposure,
            State = (long)strategy.State,
            BitfinexReportStream = bitfinexReports,
            BinanceReportStream = binanceReports,
            BitfinexReady = Bitfinex.OgReady,
            BinanceReady = Binance.OgReady,
            KillSwitch = Engine.KillSwitch.IsEngaged,
        };
    }

    public void Dispose() => _journal.Dispose();

    /// <summary>Realized plus unrealized PnL of one instrument, marked at its book's mid when the book has both sides.</summary>
    private decimal Pnl(Instrument instrument)
    {
        var positions = Engine.Positions;
        var scale = positions.NotionalScale(instrument.Id);
        var pnl = ToDecimal(positions.NetRealizedPnl(instrument.Id), scale);
        if (Books.Book(instrument.Id) is { } book && book.TryGetTop(out var bid, out var ask))
        {
            pnl += ToDecimal(positions.UnrealizedPnl(instrument.Id, new Price((bid.Price + ask.Price) / 2)), scale);
        }

        return pnl;
    }

    private void Attach(InstrumentId instrument)
    {
        if (Books.Book(instrument) is L2Book book && !ReferenceEquals(Host.Market.Book(instrument), book))
        {
            Host.Market.Attach(book);
        }
    }

    private static decimal ToDecimal(Int128 raw, int scale) => (decimal)raw / (decimal)FixedPoint.Pow10(scale);
}
