using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.Host.Config;
using Velox.Host.Trading;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Strategies.Execution;
using Velox.Strategies.Hosting;
using Velox.Strategies.MarketMaking;
using Velox.Trading;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// The trading half of `velox engine --strategy mm`: the <see cref="TradingEngine"/> (risk, OMS, positions, breakers,
/// kill switch, journal file) and the market maker on one instrument, fed by the market-data stream's book events
/// (through <see cref="EngineBooks"/>) and by og's execution reports; its orders go to og through
/// <see cref="OrderCommandPublisher"/>. While <see cref="Running"/> is false (shutdown) nothing reaches the strategy;
/// reports still reach the engine. Single-threaded (the engine's duty cycle).
/// </summary>
public sealed class EngineTrading : IOgReports, IDisposable
{
    private readonly JournalWriter _journal;

    private EngineTrading(
        EngineBooks books, TradingEngine engine, StrategyHost<MarketMaker<IpcOrderSink>, IpcOrderSink> host, OrderCommandPublisher publisher,
        Instrument instrument, JournalWriter journal, string journalPath)
    {
        Books = books;
        Engine = engine;
        Host = host;
        Publisher = publisher;
        Instrument = instrument;
        _journal = journal;
        JournalPath = journalPath;
        Counters = new TradingCounters(engine.Orders);
        (BaseCurrency, QuoteCurrency) = TopologyInstruments.Currencies(instrument.Symbol);
    }

    public EngineBooks Books { get; }

    public TradingEngine Engine { get; }

    public StrategyHost<MarketMaker<IpcOrderSink>, IpcOrderSink> Host { get; }

    public OrderCommandPublisher Publisher { get; }

    public Instrument Instrument { get; }

    public string JournalPath { get; }

    public string BaseCurrency { get; }

    public string QuoteCurrency { get; }

    /// <summary>Execution reports applied, by type.</summary>
    public TradingCounters Counters { get; }

    /// <summary>False once shutdown began: the strategy makes no more decisions.</summary>
    public bool Running { get; set; } = true;

    /// <summary>Journal records appended.</summary>
    public long JournalRecords => _journal.Appended;

    /// <summary>Builds the engine, risk, OMS, journal and market maker from <paramref name="config"/>; false with a message.</summary>
    public static bool TryCreate(
        VeloxConfig config, ExecutionMode mode, string journalPath, OrderCommandPublisher publisher, out EngineTrading? trading, out string error)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(journalPath);
        ArgumentNullException.ThrowIfNull(publisher);
        trading = null;
        var registry = TopologyInstruments.Create(out var specs);
        var symbol = config.Strategy.Mm.Instrument ?? TradingSettings.DefaultInstrument;
        var index = -1;
        for (var i = 0; i < specs.Count; i++)
        {
            if (specs[i].Symbol == symbol)
            {
                index = i;
            }
        }

        if (index < 0)
        {
            error = $"strategy.mm.instrument '{symbol}' is not simulated (simulated: {string.Join(", ", specs.Select(s => s.Symbol))})";
            return false;
        }

        var instrument = registry[new InstrumentId((ushort)index)];
        if (!TradingSettings.TryRisk(config.Risk, instrument, out var riskOptions, out error) ||
            !TradingSettings.TryMarketMaker(config.Strategy.Mm, instrument, specs[index].TickRaw, out var parameters, out error) ||
            !TradingSettings.TryBreakers(config.Risk, out var breakerOptions, out error))
        {
            return false;
        }

        var clock = MonotonicClock.Instance;
        if (!TradingJournal.TryCreate(journalPath, clock, new SystemWallClock(), out var journal, out error))
        {
            return false;
        }

        var engine = TradingEngine.Create(registry, riskOptions, breakerOptions, new ClientOrderIdSource(1), clock, journal);
        var host = StrategyHosts.MarketMaker(parameters!, engine, new MarketView(registry.Count), new IpcOrderSink(publisher, mode), clock);
        trading = new EngineTrading(new EngineBooks(), engine, host, publisher, instrument, journal, journalPath);
        error = string.Empty;
        return true;
    }

    /// <summary>A book level from md: applied to the book, then (traded instrument, running) decided on.</summary>
    public void OnBookUpdate(in BookUpdate update)
    {
        Books.OnBookUpdate(update);
        if (!Running || update.Instrument != Instrument.Id)
        {
            return;
        }

        AttachBook();
        Publisher.Arm(update.ReceiveNanos);
        Host.OnBookUpdate(update);
        Publisher.Disarm();
    }

    public void OnTrade(in TradeEvent trade)
    {
        Books.OnTrade(trade);
        if (!Running || trade.Instrument != Instrument.Id)
        {
            return;
        }

        Publisher.Arm(trade.ReceiveNanos);
        Host.OnTrade(trade);
        Publisher.Disarm();
    }

    public void OnBookState(InstrumentId instrument, BookSyncState state)
    {
        Books.OnBookState(instrument, state);
        if (instrument != Instrument.Id)
        {
            return;
        }

        AttachBook();
        if (Running)
        {
            Host.OnBookState(instrument, state);
        }
    }

    /// <summary>A report from og: applied by the engine (journal, OMS, positions, breakers), then told to the strategy.</summary>
    public void OnReport(in ExecutionReport report)
    {
        var outcome = Host.Router.OnReport(report);
        Counters.OnReport(report, outcome);
        if (Running)
        {
            Host.Strategy.OnExecutionReport(report, outcome);
            Host.Router.SyncStops();
        }
    }

    /// <summary>The strategy's timer (kill switch and HALT become a cancel-all here).</summary>
    public void OnTimer(long nowNanos)
    {
        if (Running)
        {
            Host.OnTimer(nowNanos);
        }
    }

    public void FlushJournal(bool toDisk = false) => Engine.FlushJournal(toDisk);

    /// <summary>The counters as published on the trading status stream.</summary>
    public EngineTradingStatus Status(int reportStream)
    {
        var positions = Engine.Positions;
        var id = Instrument.Id;
        var notionalScale = positions.NotionalScale(id);
        var unrealized = 0m;
        if (Books.Book(id) is { } book && book.TryGetTop(out var bid, out var ask))
        {
            unrealized = ToDecimal(positions.UnrealizedPnl(id, new Price((bid.Price + ask.Price) / 2)), notionalScale);
        }

        var router = Host.Router;
        return new EngineTradingStatus(
            router.OrdersSent,
            Counters.Count(ExecType.Ack),
            Counters.Count(ExecType.Reject),
            Counters.Count(ExecType.Fill),
            Counters.Count(ExecType.CancelAck),
            Counters.Count(ExecType.Expire),
            router.RiskRejects,
            router.SinkRefusals,
            Engine.Orders.OpenOrders,
            EngineTradingStatus.ToRaw(ToDecimal(positions[id].Quantity.Raw, Instrument.SizeScale)),
            EngineTradingStatus.ToRaw(ToDecimal(positions.NetRealizedPnl(id), notionalScale)),
            EngineTradingStatus.ToRaw(unrealized),
            _journal.Appended,
            reportStream,
            Publisher.OgReady,
            Engine.KillSwitch.IsEngaged);
    }

    public void Dispose() => _journal.Dispose();

    private void AttachBook()
    {
        var book = Books.Book(Instrument.Id);
        if (book is not null && !ReferenceEquals(Host.Market.Book(Instrument.Id), book))
        {
            Host.Market.Attach(book);
        }
    }

    private static decimal ToDecimal(Int128 raw, int scale) => (decimal)raw / (decimal)FixedPoint.Pow10(scale);
}
