using System.Diagnostics;
using System.Globalization;
using Velox.Admin.Trading;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.Host.Admin;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Host.Config;
using Velox.Net.Reconnect;
using Velox.Simulator;
using Velox.Simulator.Hosting;
using Velox.Simulator.Matching;
using Velox.Strategies.Execution;
using Velox.Strategies.Hosting;
using Velox.Strategies.MarketMaking;
using Velox.Trading;
using Velox.Trading.Journal;
using Velox.Trading.Orders;
using Velox.Trading.Risk;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Session;
using Velox.Venues.Bitfinex.Trading;

namespace Velox.Host.Trading;

/// <summary>
/// `velox run --strategy mm`: the embedded simulator (with its demo account), our Bitfinex connector with the
/// order gateway attached to the same connection, the <see cref="TradingEngine"/> (risk, OMS, positions,
/// breakers, kill switch, journal file) and the market maker on one instrument, all driven by one market-data
/// thread. Dry run records decisions and sends nothing (no login either); paper sends them to the simulator.
/// </summary>
public sealed class TradingRun : IDisposable
{
    private readonly IDisposable? _admin;
    private readonly JournalWriter _journal;
    private readonly string _baseCurrency;
    private readonly string _quoteCurrency;
    private readonly RunOptions _options;
    private SavedAffinity? _affinity;

    private TradingRun(
        BitfinexSimulatorServer server, TradingEngine engine, JournalWriter journal, Instrument instrument, TickToTrade tickToTrade,
        TradingLoopBase loop, ExecutionMode mode, string journalPath, IDisposable? admin, Uri? adminUrl, Func<string?> gatewayProblem, RunOptions options)
    {
        _options = options;
        Server = server;
        Engine = engine;
        _journal = journal;
        Instrument = instrument;
        TickToTrade = tickToTrade;
        Loop = loop;
        Mode = mode;
        JournalPath = journalPath;
        _admin = admin;
        AdminUrl = adminUrl;
        GatewayProblem = gatewayProblem;
        (_baseCurrency, _quoteCurrency) = Currencies(instrument.Symbol);
    }

    /// <summary>How long the first auth and the account snapshots may take before a paper run refuses to trade.</summary>
    public static readonly TimeSpan ReconciliationTimeout = TimeSpan.FromSeconds(10);

    public BitfinexSimulatorServer Server { get; }

    /// <summary>The simulator's matching engine (accounts and resting orders).</summary>
    public MatchingEngine Matching => Server.Simulator!.Engine;

    public TradingEngine Engine { get; }

    public Instrument Instrument { get; }

    public TickToTrade TickToTrade { get; }

    public TradingLoopBase Loop { get; }

    public ExecutionMode Mode { get; }

    public string JournalPath { get; }

    public Uri? AdminUrl { get; }

    /// <summary>How the md thread busy-polls (<c>cpus.md</c> set), or null: it waits on its socket when idle.</summary>
    public BusyPollPlan? BusyPoll { get; private init; }

    /// <summary>Why the order gateway cannot trade (auth refused), or null.</summary>
    public Func<string?> GatewayProblem { get; }

    /// <summary>Paper: the gateway's line on orders reconciled after reconnects (null when nothing was); read after the md thread stopped.</summary>
    public Func<string?>? OrderReconciliation { get; init; }

    /// <summary>Feeds the drawdown and daily-loss breakers (and names a tripped breaker).</summary>
    public BreakerFeed? BreakerFeed { get; private init; }

    /// <summary>Paper mode: reconciliation with the simulator account before the strategy trades.</summary>
    public StartupReconciliation? Reconciliation { get; private init; }

    /// <summary>Builds the run (starts the simulator and, with <c>--admin</c>, the admin server); false with a message.</summary>
    public static bool TryCreate(RunOptions options, VeloxConfig? config, out TradingRun? run, out string error)
    {
        ArgumentNullException.ThrowIfNull(options);
        config ??= new VeloxConfig();
        run = null;
        if (options.TradingMode == ExecutionMode.Live)
        {
            error = "--mode live is refused by velox run: live trading needs real venue endpoints and credentials, and this command only connects to the embedded simulator";
            return false;
        }

        // The simulator's clock starts at the real time: cancels by cid carry the order's UTC creation date (cid_date)
        // from our wall clock, and the exchange must agree on that day.
        var simOptions = new SimulatorOptions
        {
            Seed = options.Seed,
            EventsPerSecond = options.EventsPerSecond,
            EpochMillis = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        var symbol = config.Strategy.Mm.Instrument ?? TradingSettings.DefaultInstrument;
        var spec = simOptions.Instruments.FirstOrDefault(s => s.Symbol == symbol);
        if (spec is null)
        {
            error = $"strategy.mm.instrument '{symbol}' is not simulated (simulated: {string.Join(", ", simOptions.Instruments.Select(s => s.Symbol))})";
            return false;
        }

        if (!TryBusyPoll(config.Cpus, out var busyPoll, out error))
        {
            return false;
        }

        var registry = new InstrumentRegistry();
        var instrument = registry.Add(BitfinexVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
        if (!TradingSettings.TryRisk(config.Risk, instrument, out var riskOptions, out error) ||
            !TradingSettings.TryMarketMaker(config.Strategy.Mm, instrument, spec.TickRaw, out var parameters, out error) ||
            !TradingSettings.TryBreakers(config.Risk, out var breakerOptions, out error))
        {
            return false;
        }

        var journalPath = options.JournalPath ?? Path.Combine(Path.GetTempPath(), $"velox-{Environment.ProcessId}-{DateTime.UtcNow:yyyyMMddTHHmmss}.journal");
        var clock = MonotonicClock.Instance;
        var wall = new SystemWallClock();
        if (!TradingJournal.TryCreate(journalPath, clock, wall, out var journal, out error))
        {
            return false;
        }

        var ids = new ClientOrderIdSource(1);
        var engine = TradingEngine.Create(registry, riskOptions, breakerOptions, ids, clock, journal);

        // With a busy-polling md thread, the threads started from here on (simulator, status) inherit the housekeeping
        // CPUs from this thread and stay off the md thread's CPU; Dispose gives this thread its CPUs back. (Native AOT:
        // pthread_create inherits the mask; the JIT runtime starts threads with the process's mask instead.)
        var affinity = busyPoll is null ? null : KeepToHousekeeping(config.Cpus);
        var server = new BitfinexSimulatorServer(simOptions, options.Port);
        if (options.TradingMode == ExecutionMode.Paper)
        {
            server.WireToWire = new WireToWireProbe();
        }

        server.Start();
        var session = new BitfinexMarketDataSession(registry, new BitfinexSessionOptions
        {
            ConfFlags = BitfinexConfFlags.SeqAll | BitfinexConfFlags.OrderBookChecksum,
        });
        session.SubscribeBook(spec.Symbol, "P0", "F0", options.BookLength);
        session.SubscribeTrades(spec.Symbol);
        var book = session.Find(spec.Symbol, BitfinexChannelType.Book)!;
        var parts = new Parts(
            options, server, session, book, engine, instrument, parameters!, clock, new TickToTrade(), new MarketView(registry.Count), breakerOptions, wall,
            simOptions.Accounts[0], busyPoll);
        try
        {
            if (options.TradingMode == ExecutionMode.Paper)
            {
                var gateway = new BitfinexOrderGateway(
                    engine, registry, ids, new Velox.Trading.Credentials.VenueCredentials(SimAccount.Demo.ApiKey, SimAccount.Demo.ApiSecret), new BitfinexNonce(wall), wall,
                    new BitfinexGatewayOptions { FillsFromTradeUpdateOnly = true, RestBaseUri = server.RestUrl });
                gateway.Attach(session);
                var paper = new PaperOrderGateway(gateway, server.Url);
                var sink = new MeasuredSink<GatewaySink<PaperOrderGateway>>(new GatewaySink<PaperOrderGateway>(paper, ExecutionMode.Paper), parts.TickToTrade, parts.Engine.Orders);
                run = Assemble(parts, sink, journal, journalPath, null, gateway, paper, out error);
            }
            else
            {
                var venue = new DryRunVenue(clock);
                var sink = new MeasuredSink<DryRunSink>(new DryRunSink(venue), parts.TickToTrade);
                run = Assemble(parts, sink, journal, journalPath, venue, null, null, out error);
            }
        }
        catch (InvalidOperationException e)
        {
            error = e.Message;
        }

        if (run is null)
        {
            server.Dispose();
            journal.Dispose();
            affinity?.Restore();
            return false;
        }

        run._affinity = affinity;
        return true;
    }

    private static TradingRun? Assemble<TSink>(
        Parts parts, TSink sink, JournalWriter journal, string journalPath, DryRunVenue? venue, BitfinexOrderGateway? gateway, PaperOrderGateway? paper, out string error)
        where TSink : struct, IOrderSink
    {
        var host = StrategyHosts.MarketMaker(parts.Parameters, parts.Engine, parts.Market, sink, parts.Clock);
        var desk = new TradingDesk<TSink>(host, parts.Book, parts.TickToTrade);
        var options = parts.Options;
        var reconnect = new ReconnectPolicy(
            TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(options.Seed));
        var connector = new BitfinexConnector<TradingFeed<TSink>>(parts.Server.Url, parts.Session, new TradingFeed<TSink>(desk), reconnect);
        if (options.LatencyBreakdown)
        {
            parts.TickToTrade.Breakdown = new LatencyBreakdown(connector);
        }

        if (gateway is not null)
        {
            gateway.ReportListener = desk;
            paper!.Sender = connector;
            paper.Decisions = parts.TickToTrade;
            parts.TickToTrade.Wire = parts.Server.WireToWire;
            parts.TickToTrade.Sender = connector;
        }

        RunAdmin<TradingFeed<TSink>>? admin = null;
        TradingMetrics? metrics = null;
        if (options.Admin is { } endpoint)
        {
            if (!RunAdmin<TradingFeed<TSink>>.TryStart(endpoint, options.AdminToken, connector, out admin, out error, parts.Engine.KillSwitch))
            {
                connector.Dispose();
                return null;
            }

            metrics = new TradingMetrics(admin!.Plane.Metrics, parts.Engine, [parts.Instrument], admin.Plane.Health.Risk, parts.TickToTrade.Histogram);
        }

        var loop = new TradingLoop<TSink>(connector, desk, parts.Engine, sink, parts.Instrument, parts.Book, venue, gateway, admin, metrics)
        {
            BusyPoll = parts.BusyPoll,
        };
        desk.BreakerFeed = new BreakerFeed(parts.Engine, host.Market, [parts.Instrument], parts.Breakers, parts.Clock, parts.Wall);
        StartupReconciliation? reconciliation = null;
        if (gateway is not null)
        {
            if (!TryReconciliation(parts, gateway, out reconciliation, out error))
            {
                admin?.Dispose();
                connector.Dispose();
                return null;
            }

            // The strategy sleeps until the account is reconciled (TradingLoop starts it).
            desk.Running = false;
            loop.Reconciliation = reconciliation;
        }

        Func<string?> problem = gateway is null ? () => null : () => gateway.LastAuthError;
        error = string.Empty;
        return new TradingRun(
            parts.Server, parts.Engine, journal, parts.Instrument, parts.TickToTrade, loop, sink.Mode, journalPath, admin, admin?.Server.Url, problem, options)
        {
            BreakerFeed = desk.BreakerFeed,
            Reconciliation = reconciliation,
            OrderReconciliation = gateway is null ? null : gateway.ReconciliationSummary,
            BusyPoll = parts.BusyPoll,
        };
    }

    /// <summary>The expected balances are the simulator account's deposits: anything else at the venue was left by an earlier run.</summary>
    private static bool TryReconciliation(Parts parts, BitfinexOrderGateway gateway, out StartupReconciliation? reconciliation, out string error)
    {
        reconciliation = null;
        var (baseCurrency, quoteCurrency) = Currencies(parts.Instrument.Symbol);
        if (!TryDeposit(parts.Account, baseCurrency, out var expectedBase, out error) || !TryDeposit(parts.Account, quoteCurrency, out var expectedQuote, out error))
        {
            return false;
        }

        reconciliation = new StartupReconciliation(
            gateway, parts.Engine, parts.Instrument, parts.Book, baseCurrency, quoteCurrency, expectedBase, expectedQuote, parts.Clock, ReconciliationTimeout);
        return true;
    }

    private static bool TryDeposit(SimAccount account, string currency, out long raw, out string error)
    {
        raw = 0;
        error = string.Empty;
        if (!account.Balances.TryGetValue(currency, out var text))
        {
            return true;
        }

        if (FixedPoint.TryParse(System.Text.Encoding.ASCII.GetBytes(text), BitfinexWallets.Scale, out raw))
        {
            return true;
        }

        error = $"simulator account balance {currency} = '{text}' is not a number with at most {BitfinexWallets.Scale} decimals";
        return false;
    }

    /// <summary>"tBTCUSD" → (BTC, USD); "tTESTBTC:TESTUSD" → (TESTBTC, TESTUSD).</summary>
    private static (string Base, string Quote) Currencies(string symbol)
    {
        var pair = symbol.StartsWith('t') ? symbol[1..] : symbol;
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? (pair[..colon], pair[(colon + 1)..]) : (pair[..Math.Min(3, pair.Length)], pair[Math.Min(3, pair.Length)..]);
    }

    /// <summary>Runs the md thread until <paramref name="shutdown"/>, printing a status line per second and the summary.</summary>
    public int Execute(ShutdownSignal shutdown, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(shutdown);
        ArgumentNullException.ThrowIfNull(output);
        var loadAverageStart = Velox.Perf.HostFacts.LoadAverage();
        var md = new Thread(() => Loop.Run(shutdown.Token)) { Name = "velox-md", IsBackground = true };
        md.Start();
        var mode = ModeName(Mode);
        output.WriteLine(
            $"velox run: {mode} market maker on {Instrument.Symbol}, simulator on {Server.Url}, journal {JournalPath}{(AdminUrl is null ? string.Empty : $", admin {AdminUrl}")}");
        if (BusyPoll is { } plan)
        {
            output.WriteLine($"  {plan.Describe()}");
        }

        var clock = Stopwatch.StartNew();
        string? refused = null;
        var reconciliationShown = false;
        var faults = new FaultRotation(_options.Faults, _options.FaultEvery, kind => Server.InjectFault(kind, stallMillis: 300));
        while (!shutdown.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
        {
            faults.Tick(clock.Elapsed, output);
            var status = Loop.Take();
            if (!reconciliationShown && status.Reconciliation is { } reconciled)
            {
                output.WriteLine($"  {reconciled}");
                reconciliationShown = true;
            }

            if (status.ReconciliationFailure is { } failure)
            {
                refused = failure;
                output.WriteLine($"velox run: {failure}");
                shutdown.StopAfter(TimeSpan.Zero);
                break;
            }

            output.WriteLine(status.Format(clock.Elapsed.TotalSeconds, mode, _baseCurrency, _quoteCurrency));
            if (GatewayProblem() is { } problem)
            {
                output.WriteLine($"  {problem}");
            }
        }

        var joined = false;
        shutdown.RunStopSteps(() => joined = md.Join(TimeSpan.FromSeconds(8)), ShutdownSignal.StopDeadline);
        var final = Loop.Take();
        var stop = Loop.Stop;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"summary: {clock.Elapsed.TotalSeconds:F1}s {mode}, {final.Frames:N0} messages, orders {final.OrdersSent:N0} sent {final.Acked:N0} acked {final.Rejected:N0} rejected {final.CancelAcks:N0} cancelled {final.Expired:N0} expired, fills {final.Fills:N0}, requotes {final.AmendsSent:N0} amends sent ({final.AmendsAcked:N0} acked) {final.CancelsSent:N0} cancels sent, position {final.Position:0.########} {_baseCurrency}, pnl realized {final.RealizedPnl:F2} unrealized {final.UnrealizedPnl:F2} {_quoteCurrency}, risk rejections {final.RiskRejects:N0}, gaps {final.SequenceGaps}, errors {final.Errors}"));
        output.WriteLine("  " + final.FormatLatency(Mode == ExecutionMode.DryRun ? "tick-to-decision (dry run, nothing sent)" : "tick-to-trade"));
        if (faults.Summary() is { } faultSummary)
        {
            output.WriteLine("  " + faultSummary);
        }

        if (Loop.PinError != 0)
        {
            output.WriteLine($"  md thread not pinned to CPU {BusyPoll?.Cpu}: {Velox.Ipc.Platform.ThreadScheduling.Describe(Loop.PinError)}");
        }

        if (final.Breaker is not null)
        {
            output.WriteLine($"  breaker tripped: {final.Breaker}");
        }

        if (joined && OrderReconciliation?.Invoke() is { } orderReconciliation)
        {
            output.WriteLine($"  {orderReconciliation}");
        }

        if (!reconciliationShown && final.Reconciliation is { } lateReport)
        {
            output.WriteLine($"  {lateReport}");
        }

        if (joined)
        {
            WriteLatency(output, loadAverageStart);
        }

        output.WriteLine(stop is null
            ? "  shutdown did not complete"
            : $"  shutdown: {stop.OpenAtStop} orders open when the strategy stopped, {stop.Cancelled} cancelled, {stop.StillOpen} still open; journal {JournalPath} ({_journal.Appended:N0} records)");
        if (!joined || stop is null || refused is not null)
        {
            return ExitCodes.Failure;
        }

        if (GatewayProblem() is { } authProblem)
        {
            output.WriteLine($"  {authProblem}");
            return ExitCodes.Failure;
        }

        return stop.StillOpen > 0 || final.SequenceGaps > 0 || final.Errors > 0 ? ExitCodes.Findings : ExitCodes.Ok;
    }

    private void WriteLatency(TextWriter output, string loadAverageStart)
    {
        if (TickToTrade.Breakdown is { } breakdown)
        {
            output.WriteLine(breakdown.Format());
        }

        var report = TradingLatencyReport.Collect(TickToTrade.Histogram, TickToTrade.Breakdown, Server.WireToWire);
        if (report.FormatWireToWire() is { } wire)
        {
            output.WriteLine(wire);
        }

        if (_options.BenchDirectory is not { } directory)
        {
            return;
        }

        string[] notes =
        [
            string.Create(CultureInfo.InvariantCulture, $"{ModeName(Mode)} market maker on {Instrument.Symbol}, simulator {_options.EventsPerSecond} events/s in the same process, topology single"),
            $"load average at the end: {Velox.Perf.HostFacts.LoadAverage()}",
        ];
        try
        {
            foreach (var path in report.WriteScenarios(directory, "velox " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)), loadAverageStart, notes))
            {
                output.WriteLine($"  wrote {path}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"  cannot write the bench scenarios into '{directory}': {e.Message}");
        }
    }

    public void Dispose()
    {
        _admin?.Dispose();
        Server.Dispose();
        _journal.Dispose();
        _affinity?.Restore();
        _affinity = null;
    }

    /// <summary><c>cpus.md</c> set: the md thread busy-polls pinned to that CPU (it must exist and not be a housekeeping CPU).</summary>
    private static bool TryBusyPoll(CpuConfig cpus, out BusyPollPlan? plan, out string error)
    {
        plan = null;
        error = string.Empty;
        if (cpus.Md is not { } cpu)
        {
            return true;
        }

        var count = Environment.ProcessorCount;
        if (cpu < 0 || cpu >= count)
        {
            error = $"cpus.md: CPU {cpu} does not exist here ({count} CPUs: 0-{count - 1})";
            return false;
        }

        if (cpus.Housekeeping.Contains(cpu) || cpus.Housekeeping.Count == 0)
        {
            error = $"cpus.md: CPU {cpu} must not be a housekeeping CPU, and cpus.housekeeping must name at least one other CPU (the simulator's threads run there)";
            return false;
        }

        plan = BusyPollPlan.ForThisMachine(cpu);
        return true;
    }

    private static SavedAffinity? KeepToHousekeeping(CpuConfig cpus)
    {
        var previous = Velox.Ipc.Platform.ThreadScheduling.CurrentThreadAffinity();
        var housekeeping = cpus.Housekeeping.Where(c => c >= 0 && c < Environment.ProcessorCount).ToArray();
        return previous.Length > 0 && housekeeping.Length > 0 && Velox.Ipc.Platform.ThreadScheduling.SetCurrentThreadAffinity(housekeeping) == 0
            ? new SavedAffinity(Environment.CurrentManagedThreadId, previous)
            : null;
    }

    /// <summary>The CPUs a thread had before it was kept to the housekeeping CPUs; restored only on that thread.</summary>
    private sealed record SavedAffinity(int ThreadId, int[] Cpus)
    {
        public void Restore()
        {
            if (Environment.CurrentManagedThreadId == ThreadId)
            {
                Velox.Ipc.Platform.ThreadScheduling.SetCurrentThreadAffinity(Cpus);
            }
        }
    }

    private static string ModeName(ExecutionMode mode) => mode switch
    {
        ExecutionMode.Paper => "paper",
        ExecutionMode.Live => "live",
        _ => "dry-run",
    };

    private sealed record Parts(
        RunOptions Options, BitfinexSimulatorServer Server, BitfinexMarketDataSession Session, BitfinexSubscription Book, TradingEngine Engine,
        Instrument Instrument, MarketMakerParameters Parameters, IClock Clock, TickToTrade TickToTrade, MarketView Market, BreakerOptions Breakers,
        IWallClock Wall, SimAccount Account, BusyPollPlan? BusyPoll);
}
