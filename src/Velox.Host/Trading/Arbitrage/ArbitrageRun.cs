using System.Diagnostics;
using System.Globalization;
using Velox.Core.Instruments;
using Velox.Core.Time;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Host.Config;
using Velox.MarketData.Rest;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Simulator.Matching;
using Velox.Simulator.Venues.Binance;
using Velox.Strategies;
using Velox.Strategies.Arbitrage;
using Velox.Strategies.Execution;
using Velox.Strategies.Hosting;
using Velox.Trading;
using TradingCredentials = Velox.Trading.Credentials.VenueCredentials;
using Velox.Trading.Journal;
using Velox.Trading.Orders;
using Velox.Trading.Risk;
using Velox.Venues.Binance.Connection;
using Velox.Venues.Binance.Session;
using Velox.Venues.Binance.Trading;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Session;
using Velox.Venues.Bitfinex.Trading;

namespace Velox.Host.Trading.Arbitrage;

/// <summary>
/// `velox run --strategy arb --venues bitfinex,binance`: both simulated exchanges in the process (the embedded
/// Bitfinex with its demo account, and the Binance spot dialect with its WebSocket API order entry, whose BTCUSDT
/// book jumps away from its mid and back now and then, seeded), our two market-data connectors, the Bitfinex
/// order gateway on the Bitfinex connection and the Binance WebSocket API gateway on its own connection, one
/// <see cref="TradingEngine"/> (risk, OMS, positions per venue, journal) and the cross-venue arbitrage between
/// tBTCUSD and BTCUSDT, all on one market-data thread. Dry run decides and records, sends nothing and logs in
/// nowhere; paper sends the legs to the simulators.
/// </summary>
public sealed class ArbitrageRun : IDisposable
{
    private readonly JournalWriter _journal;
    private readonly HttpSnapshotClient _snapshots;
    private readonly Func<ArbitrageSnapshot> _status;
    private readonly Func<List<ArbitrageEvent>, int> _drain;
    private readonly Func<string?> _problem;
    private readonly RunOptions _options;
    private readonly BinanceOrderGateway? _binanceGateway;
    private readonly BitfinexOrderGateway? _bitfinexGateway;

    private ArbitrageRun(
        BitfinexSimulatorServer bitfinex, VenueSimulatorServer binance, TradingEngine engine, JournalWriter journal, HttpSnapshotClient snapshots,
        TradingLoopBase loop, Func<ArbitrageSnapshot> status, Func<List<ArbitrageEvent>, int> drain, Func<string?> problem, ExecutionMode mode,
        string journalPath, Instrument bitfinexInstrument, Instrument binanceInstrument, ArbitrageParameters parameters, RunOptions options,
        BitfinexOrderGateway? bitfinexGateway, BinanceOrderGateway? binanceGateway)
    {
        _options = options;
        _bitfinexGateway = bitfinexGateway;
        _binanceGateway = binanceGateway;
        BitfinexServer = bitfinex;
        BinanceServer = binance;
        Engine = engine;
        _journal = journal;
        _snapshots = snapshots;
        Loop = loop;
        _status = status;
        _drain = drain;
        _problem = problem;
        Mode = mode;
        JournalPath = journalPath;
        BitfinexInstrument = bitfinexInstrument;
        BinanceInstrument = binanceInstrument;
        Parameters = parameters;
    }

    public BitfinexSimulatorServer BitfinexServer { get; }

    public VenueSimulatorServer BinanceServer { get; }

    public TradingEngine Engine { get; }

    public TradingLoopBase Loop { get; }

    public ExecutionMode Mode { get; }

    public string JournalPath { get; }

    public Instrument BitfinexInstrument { get; }

    public Instrument BinanceInstrument { get; }

    public ArbitrageParameters Parameters { get; }

    /// <summary>The latest status (any thread).</summary>
    public ArbitrageSnapshot Status => _status();

    /// <summary>Strategy events collected since the last call (any thread).</summary>
    public int DrainEvents(List<ArbitrageEvent> into) => _drain(into);

    /// <summary>Checks --venues for the arbitrage: bitfinex and binance (either order; missing means both).</summary>
    public static bool TryReadVenues(string? venues, out string error)
    {
        error = string.Empty;
        if (venues is null)
        {
            return true;
        }

        var names = venues.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
        if (names is ["binance", "bitfinex"])
        {
            return true;
        }

        error = $"--strategy arb trades between bitfinex and binance: --venues must be bitfinex,binance, not '{venues}'";
        return false;
    }

    /// <summary>Builds and runs the arbitrage; <paramref name="config"/> null takes the defaults.</summary>
    public static int Execute(RunOptions options, VeloxConfig? config, ShutdownSignal shutdown, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!TryCreate(options, config, out var run, out var error))
        {
            output.WriteLine($"velox run: {error}");
            return ExitCodes.Failure;
        }

        using (run)
        {
            return run!.Execute(shutdown, output);
        }
    }

    /// <summary>Builds the run (starts both simulators; paper: connects and logs in); false with a message.</summary>
    public static bool TryCreate(RunOptions options, VeloxConfig? config, out ArbitrageRun? run, out string error)
    {
        ArgumentNullException.ThrowIfNull(options);
        config ??= new VeloxConfig();
        run = null;
        if (options.TradingMode == ExecutionMode.Live)
        {
            error = "--mode live is refused by velox run: live trading needs real venue endpoints and credentials, and this command only connects to the embedded simulators";
            return false;
        }

        var registry = ArbitrageVenues.CreateRegistry(out var a, out var b);
        if (!ArbitrageVenues.TrySettings(config, a, b, out var settings, out error))
        {
            return false;
        }

        var parameters = settings!.Parameters;
        var journalPath = options.JournalPath ?? Path.Combine(Path.GetTempPath(), $"velox-arb-{Environment.ProcessId}-{DateTime.UtcNow:yyyyMMddTHHmmss}.journal");
        var clock = MonotonicClock.Instance;
        var wall = new SystemWallClock();
        if (!TradingJournal.TryCreate(journalPath, clock, wall, out var journal, out error))
        {
            return false;
        }

        var ids = new ClientOrderIdSource(1);
        var engine = TradingEngine.Create(registry, settings.Risk, settings.Breakers, ids, clock, journal);

        var epoch = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var bitfinexServer = ArbitrageVenues.CreateBitfinex(options.Seed, options.EventsPerSecond, epoch, options.Port);
        var binanceServer = ArbitrageVenues.CreateBinance(options.Seed, options.EventsPerSecond, epoch);
        bitfinexServer.Start();
        binanceServer.Start();

        var bitfinexSession = new BitfinexMarketDataSession(registry, new BitfinexSessionOptions
        {
            ConfFlags = BitfinexConfFlags.SeqAll | BitfinexConfFlags.OrderBookChecksum,
        });
        bitfinexSession.SubscribeBook(ArbitrageVenues.BitfinexSymbol, "P0", "F0", options.BookLength);
        bitfinexSession.SubscribeTrades(ArbitrageVenues.BitfinexSymbol);
        var binanceSession = ArbitrageVenues.CreateBinanceSession(registry, out var binanceSymbol);
        var snapshots = ArbitrageVenues.CreateSnapshots(binanceServer.Rest!.BaseAddress);
        var parts = new Parts(
            options, bitfinexServer, binanceServer, bitfinexSession, bitfinexSession.Find(ArbitrageVenues.BitfinexSymbol, BitfinexChannelType.Book)!, binanceSession, binanceSymbol,
            snapshots, registry, engine, a, b, parameters, clock, new TickToTrade(), new MarketView(registry.Count), journal, journalPath);
        BinanceOrderGateway? binanceGateway = null;
        try
        {
            if (options.TradingMode == ExecutionMode.Paper)
            {
                var credentials = new TradingCredentials(SimAccount.Demo.ApiKey, SimAccount.Demo.ApiSecret);
                var bitfinexGateway = new BitfinexOrderGateway(
                    engine, registry, ids, credentials, new BitfinexNonce(wall), wall,
                    new BitfinexGatewayOptions { FillsFromTradeUpdateOnly = true, RestBaseUri = bitfinexServer.RestUrl });
                bitfinexGateway.Attach(bitfinexSession);
                var paper = new PaperOrderGateway(bitfinexGateway, bitfinexServer.Url);
                var api = ArbitrageVenues.OrderEntryUrl(binanceServer);
                binanceGateway = ArbitrageVenues.ConnectBinanceGateway(engine, registry, wall, binanceServer.Rest.BaseAddress, api);
                binanceGateway.EnableReconnect(Reconnect(unchecked(options.Seed + 3)), clock);
                var gateways = new ArbitrageGateways(paper, () => bitfinexGateway.State == BitfinexGatewayState.Ready, binanceGateway, b.Id, api.IsLoopback);
                var sink = new MeasuredSink<GatewaySink<ArbitrageGateways>>(new GatewaySink<ArbitrageGateways>(gateways, ExecutionMode.Paper), parts.TickToTrade);
                run = Assemble(parts, sink, null, bitfinexGateway, paper, binanceGateway);
            }
            else
            {
                var venue = new DryRunVenue(clock);
                run = Assemble(parts, new MeasuredSink<DryRunSink>(new DryRunSink(venue), parts.TickToTrade), venue, null, null, null);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException or HttpRequestException or System.Net.Sockets.SocketException
            or WebSocketHandshakeException or TimeoutException or TaskCanceledException)
        {
            error = $"cannot start the arbitrage run: {e.Message}";
        }

        if (run is null)
        {
            binanceGateway?.Dispose();
            snapshots.Dispose();
            bitfinexServer.Dispose();
            binanceServer.Dispose();
            journal.Dispose();
            return false;
        }

        return true;
    }

    /// <summary>Runs the market-data thread until <paramref name="shutdown"/>, printing a status line per second, the recovery story as it happens, and the summary.</summary>
    public int Execute(ShutdownSignal shutdown, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(shutdown);
        ArgumentNullException.ThrowIfNull(output);
        var md = new Thread(() => Loop.Run(shutdown.Token)) { Name = "velox-md", IsBackground = true };
        md.Start();
        var mode = ModeName(Mode);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"velox run: {mode} arbitrage {ArbitrageVenues.BitfinexSymbol}@bitfinex ({BitfinexServer.Url}) against {ArbitrageVenues.BinanceSymbol}@binance ({BinanceServer.BaseUrl}, order entry {BinanceApiConnection.Path}), min margin {Parameters.MinMargin.Raw / (double)BasisPoints.RawPerUnit * 10_000:F1} bps after taker fees, legs up to {Parameters.SlippageTolerance.Raw / (double)BasisPoints.RawPerUnit * 10_000:F1} bps through the top, leg size up to {Parameters.MaxQuantity.Raw / 1e8:0.########} BTC, books older than {Parameters.MaxDataAgeNanos / 1_000_000} ms are not used, journal {JournalPath}"));
        var clock = Stopwatch.StartNew();
        var events = new List<ArbitrageEvent>();
        var faults = new FaultRotation(_options.Faults, _options.FaultEvery, InjectFault);
        var orderConnectionEvents = 0L;
        while (!shutdown.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
        {
            faults.Tick(clock.Elapsed, output);
            output.WriteLine(Status.Format(clock.Elapsed.TotalSeconds, mode));
            if (_binanceGateway is { } gateway && gateway.Disconnects + gateway.Reconciliations != orderConnectionEvents)
            {
                orderConnectionEvents = gateway.Disconnects + gateway.Reconciliations;
                output.WriteLine($"  {OrderConnection()}");
            }

            PrintEvents(output, events);
            if (_problem() is { } problem)
            {
                output.WriteLine($"  {problem}");
            }
        }

        var joined = false;
        shutdown.RunStopSteps(() => joined = md.Join(TimeSpan.FromSeconds(10)), ShutdownSignal.StopDeadline);
        PrintEvents(output, events);
        var final = Status;
        var t = final.Trading;
        var stop = Loop.Stop;
        var bitfinexOpen = BitfinexServer.Simulator!.Engine.OpenOrderCount(0);
        var binanceOpen = BinanceServer.OrderEntry!.OpenOrderCount();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"summary: {clock.Elapsed.TotalSeconds:F1}s {mode} arbitrage, {t.Frames:N0} messages, orders {t.OrdersSent:N0} sent {t.Acked:N0} acked {t.Rejected:N0} rejected {t.Expired:N0} expired {t.CancelAcks:N0} cancelled, fills bitfinex {final.BitfinexFills:N0} binance {final.BinanceFills:N0}, position bitfinex {final.BitfinexPosition:0.########} binance {final.BinancePosition:0.########} BTC, pnl bitfinex {final.BitfinexPnl:F2} binance {final.BinancePnl:F2} USD(T), risk rejections {t.RiskRejects:N0}, gaps {t.SequenceGaps}, errors {t.Errors}"));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  arbitrage: {final.Opportunities:N0} opportunities, {final.Completed:N0} completed, {final.Failed:N0} failed, {final.Recoveries:N0} recovering of which {final.Recovered:N0} unwound flat ({final.UnwindsSent:N0} unwind orders), open exposure {final.Exposure / 1e8:0.########} BTC, state {final.State}"));
        output.WriteLine("  " + t.FormatLatency(Mode == ExecutionMode.DryRun ? "tick-to-decision (dry run, nothing sent)" : "tick-to-trade (frame read to the leg handed to the socket)"));
        if (faults.Summary() is { } faultSummary)
        {
            output.WriteLine(OrderConnection() is { } orderConnection ? $"  {faultSummary}; {orderConnection}" : $"  {faultSummary}");
        }

        if (_bitfinexGateway?.ReconciliationSummary() is { } bitfinexReconciliation)
        {
            output.WriteLine($"  bitfinex {bitfinexReconciliation}");
        }

        output.WriteLine(stop is null
            ? "  shutdown did not complete"
            : $"  shutdown: {stop.OpenAtStop} orders open when the strategy stopped, {stop.Cancelled} cancelled, {stop.StillOpen} still open in the OMS; open at the simulators: bitfinex {bitfinexOpen}, binance {binanceOpen}; journal {JournalPath} ({_journal.Appended:N0} records)");
        if (!joined || stop is null)
        {
            return ExitCodes.Failure;
        }

        if (_problem() is { } authProblem)
        {
            output.WriteLine($"  {authProblem}");
            return ExitCodes.Failure;
        }

        return stop.StillOpen > 0 || bitfinexOpen > 0 || binanceOpen > 0 || final.Exposure != 0 || t.Errors > 0 ? ExitCodes.Findings : ExitCodes.Ok;
    }

    public void Dispose()
    {
        BitfinexServer.Dispose();
        BinanceServer.Dispose();
        _snapshots.Dispose();
        _journal.Dispose();
    }

    /// <summary>
    /// --faults: order-entry faults go to the Binance WebSocket API connection (its gateway reconnects and reconciles
    /// the orders in flight); market-data faults to both venues (on Binance also a disconnect of the order connection).
    /// </summary>
    private int InjectFault(FaultKind kind) =>
        FaultPlan.IsOrderEntry(kind) ? BinanceServer.InjectFault(kind) : BitfinexServer.InjectFault(kind, stallMillis: 300) + BinanceServer.InjectFault(kind);

    /// <summary>The Binance order connection's drops and reconciliations so far (paper), or null.</summary>
    private string? OrderConnection() => _binanceGateway is not { } g
        ? null
        : string.Create(
            CultureInfo.InvariantCulture,
            $"binance order connection: {g.Disconnects} drops, {g.Reconciliations} reconciliations ({g.StatusQueries} order.status, {g.ReconciledFills} fills and {g.ReconciledUnknown} unknown orders booked from them, {g.TradesAlreadyReconciled} late trades dropped; {g.TradeQueries} myTrades, {g.ReconciledTrades} trades booked with fees, {g.TradeQueryFallbacks} fell back to the average; {g.OrphansCancelled} orphans cancelled), state {g.State}");

    /// <summary>One line per recovery step (and refused legs); the routine opportunities and completions show in the counters.</summary>
    private void PrintEvents(TextWriter output, List<ArbitrageEvent> events)
    {
        events.Clear();
        DrainEvents(events);
        foreach (var e in events)
        {
            if (e.Kind is ArbitrageEventKind.OpportunityFound or ArbitrageEventKind.LegsSent or ArbitrageEventKind.Completed or ArbitrageEventKind.BothLegsMissed)
            {
                continue;
            }

            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  arb {e.Kind} → {e.State}: legs {e.BuyOrderId}/{e.SellOrderId}, quantity {e.Quantity / 1e8:0.########} BTC, exposure {e.Exposure / 1e8:+0.########;-0.########;0} BTC{(e.Reason == RiskRejectReason.None ? string.Empty : $", reason {e.Reason}")}"));
        }
    }

    private static ArbitrageRun Assemble<TSink>(
        Parts parts, TSink sink, DryRunVenue? venue, BitfinexOrderGateway? bitfinexGateway, PaperOrderGateway? paper, BinanceOrderGateway? binanceGateway)
        where TSink : struct, IOrderSink
    {
        var host = StrategyHosts.Arbitrage(parts.Parameters, parts.Registry, parts.Engine, parts.Market, sink, parts.Clock);
        var desk = new ArbitrageDesk<TSink>(host, parts.BitfinexBook, parts.BinanceSymbol, parts.TickToTrade, parts.Registry.Count);
        var seed = parts.Options.Seed;
        var bitfinex = new BitfinexConnector<ArbitrageFeed<TSink>>(parts.BitfinexServer.Url, parts.BitfinexSession, new ArbitrageFeed<TSink>(desk), Reconnect(seed));
        var binance = new BinanceConnector<ArbitrageFeed<TSink>>(
            ArbitrageVenues.MarketDataUrl(parts.BinanceServer), parts.BinanceSession, parts.Snapshots, new ArbitrageFeed<TSink>(desk), Reconnect(unchecked(seed + 1)));
        if (bitfinexGateway is not null)
        {
            bitfinexGateway.ReportListener = desk;
            paper!.Sender = bitfinex;
        }

        if (binanceGateway is not null)
        {
            binanceGateway.ReportListener = desk;
        }

        var loop = new ArbitrageLoop<TSink>(
            bitfinex, binance, desk, parts.Engine, sink, parts.A, parts.B, parts.BitfinexBook, parts.BinanceSymbol, venue, bitfinexGateway, binanceGateway);
        Func<string?> problem = () => bitfinexGateway?.LastAuthError ?? binanceGateway?.LastAuthError;
        return new ArbitrageRun(
            parts.BitfinexServer, parts.BinanceServer, parts.Engine, parts.Journal, parts.Snapshots, loop, loop.TakeArbitrage, loop.DrainEvents, problem, sink.Mode,
            parts.JournalPath, parts.A, parts.B, parts.Parameters, parts.Options, bitfinexGateway, binanceGateway);
    }

    private static ReconnectPolicy Reconnect(int seed) =>
        new(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(seed));

    private static string ModeName(ExecutionMode mode) => mode switch
    {
        ExecutionMode.Paper => "paper",
        ExecutionMode.Live => "live",
        _ => "dry-run",
    };

    private sealed record Parts(
        RunOptions Options, BitfinexSimulatorServer BitfinexServer, VenueSimulatorServer BinanceServer, BitfinexMarketDataSession BitfinexSession,
        BitfinexSubscription BitfinexBook, BinanceMarketDataSession BinanceSession, BinanceSymbol BinanceSymbol, HttpSnapshotClient Snapshots,
        InstrumentRegistry Registry, TradingEngine Engine, Instrument A, Instrument B, ArbitrageParameters Parameters, IClock Clock, TickToTrade TickToTrade,
        MarketView Market, JournalWriter Journal, string JournalPath);
}
