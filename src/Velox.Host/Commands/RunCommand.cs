using System.Diagnostics;
using Velox.Admin.Server;
using Velox.Core.Instruments;
using Velox.Host.Admin;
using Velox.Host.Cli;
using Velox.Host.Config;
using Velox.Host.Logging;
using Velox.Host.Topology;
using Velox.Host.Trading;
using Velox.Ipc.Agents;
using Velox.MarketData.Events;
using Velox.Net.Reconnect;
using Velox.Simulator;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Host.Commands;

/// <summary>
/// `velox run`: the embedded Bitfinex exchange and our connector in one process. The connector runs on its
/// own thread (WebSocket poll → parser → books → checksum/sequence checks); this thread prints one status
/// line per second and a final summary.
/// </summary>
public static class RunCommand
{
    private static readonly string Usage = $"""
        usage: velox run [--duration SECONDS] [--rate EVENTS_PER_S] [--len 1|25|100|250] [--seed N]
                         [--faults LIST --fault-every SECONDS] [--port P] [--topology single|multi] [--record DIR]
                         [--admin [ADDR:]PORT] [--config FILE] [--log-level SPEC]
                         [--venues bitfinex,binance,binance-usdm,okx,bybit,kraken,gateio,coinbase,htx,mexc]
                         [--strategy none|mm|arb] [--mode dry-run|paper] [--journal PATH] [--latency-breakdown] [--bench-out DIR]
          --duration     stop after this many seconds (default: until Ctrl-C)
          --rate         simulator market events per second per connection (default 2000)
          --len          book length subscribed per symbol (default 25)
          --seed         simulator seed (default 1)
          --faults       inject these faults in turn: {FaultPlan.Names}
          --fault-every  seconds between injected faults (default 5 when --faults is given)
          --port         simulator port on 127.0.0.1 (default: any free port)
          --topology     single: one process (default); multi: `velox md` and `velox engine` as child
                         processes over IPC in a fresh /dev/shm directory, removed at exit
          --record       multi only: also run `velox archive record` on the raw inbound frames stream into DIR
                         (then: velox archive list --dir DIR; velox archive export ... | replay-check)
          --admin        single only: serve /metrics, /health, /ready and POST /kill on ADDR:PORT (ADDR default
                         127.0.0.1; PORT 0 = any free port); /kill needs admin.killToken (VELOX_ADMIN__KILL_TOKEN)
          --config       JSON configuration (velox config check): simulator, admin (served when enabled) and
                         logging sections; VELOX_ environment overrides apply, flags given here win; SIGHUP
                         re-reads it (log levels, risk, strategy parameters)
          --log-level    log levels over the logging section, e.g. info,md=debug (trace|debug|info|warn|error|off)
          --venues       run these simulator dialects and our connector for each, one thread per venue, with
                         per-venue status lines and summaries (default: bitfinex only, as above)
        {TradingCommandLine.Usage}
        Starts the embedded Bitfinex simulator on 127.0.0.1, connects our WebSocket client, subscribes books
        and trades for every simulated instrument, and verifies every book by sequence and checksum.
        Exit: 0 books in sync and no undetected problem, 1 a checksum mismatch or gap that was not injected, 2 usage,
        3 failure (multi: a child process died; the report names it and its exit code or signal).
        """;

    private static readonly string[] Flags = ["help", "latency-breakdown"];
    private static readonly string[] Valued = ["duration", "rate", "len", "seed", "faults", "fault-every", "port", "topology", "record", "admin", "config", "log-level", "venues", "strategy", "mode", "journal", "bench-out"];

    public static int Run(string[] args)
    {
        if (!CliArguments.TryParse(args, 0, Flags, Valued, out var cli, out var problem) ||
            !TryReadOptions(cli, out var options, out problem))
        {
            Console.Error.WriteLine($"velox run: {problem}");
            Console.Error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        if (cli.Has("help"))
        {
            Console.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        var source = new RunConfigSource(cli.Get("config"), VeloxConfigLoader.ProcessEnvironment(), VeloxConfigLoader.MachineCpuCount());
        if (!RunConfiguration.TryResolve(cli, options, source, Console.Error, out options))
        {
            return ExitCodes.Usage;
        }

        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(options.Duration);
        if (options.Strategy != TradingStrategy.None && !options.MultiProcess)
        {
            return TradingCommandLine.Execute(options, options.Config, shutdown, Console.Out);
        }

        if (cli.Get("venues") is { } venues && options.Strategy != TradingStrategy.Arbitrage)
        {
            return MultiVenueRun.Run(options, venues, shutdown, Console.Out, Console.Error);
        }

        return options.MultiProcess
            ? TopologyLauncher.Execute(options, shutdown, Console.Out, VeloxExecutable.Current())
            : Execute(options, shutdown, Console.Out);
    }

    /// <summary>
    /// Runs until the signal fires; writes status lines and the summary to <paramref name="output"/>. Logs to
    /// <paramref name="log"/> (taken over and disposed at the end; null: built from the options' logging section).
    /// </summary>
    public static int Execute(RunOptions options, ShutdownSignal shutdown, TextWriter output, RunLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(shutdown);
        ArgumentNullException.ThrowIfNull(output);
        if (log is null && !RunLog.TryCreate(options, output, out log))
        {
            return ExitCodes.Failure;
        }

        using var runLog = log;
        var reload = new RunReload(options.ConfigSource, options.Config, runLog);
        var simOptions = new SimulatorOptions { Seed = options.Seed, EventsPerSecond = options.EventsPerSecond };
        using var server = new BitfinexSimulatorServer(simOptions, options.Port);
        server.Start();

        var registry = new InstrumentRegistry();
        var session = new BitfinexMarketDataSession(registry, new BitfinexSessionOptions
        {
            ConfFlags = BitfinexConfFlags.SeqAll | BitfinexConfFlags.OrderBookChecksum,
        });
        foreach (var spec in simOptions.Instruments)
        {
            registry.Add(BitfinexVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
            session.SubscribeBook(spec.Symbol, "P0", "F0", options.BookLength);
            session.SubscribeTrades(spec.Symbol);
        }

        var reconnect = new ReconnectPolicy(
            TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(options.Seed));
        using var connector = new BitfinexConnector<NullMarketDataHandler>(server.Url, session, default, reconnect);
        RunAdmin<NullMarketDataHandler>? admin = null;
        if (options.Admin is { } adminEndpoint &&
            !RunAdmin<NullMarketDataHandler>.TryStart(adminEndpoint, options.AdminToken, connector, out admin, out var adminError))
        {
            output.WriteLine($"velox run: {adminError}");
            return ExitCodes.Failure;
        }

        using var adminPlane = admin;
        var status = new RunStatus<NullMarketDataHandler>(connector, simOptions.Instruments.Count, admin?.Feed, MdLogWatch.For(runLog, connector));
        var md = new Thread(() => MarketDataLoop(connector, status, shutdown.Token)) { Name = "velox-md", IsBackground = true };
        md.Start();

        output.WriteLine($"velox run: simulator on {server.Url}, {simOptions.Instruments.Count} instruments, book len {options.BookLength}, {options.EventsPerSecond} events/s{(admin is null ? string.Empty : $", admin {admin.Server.Url}")}");
        runLog.Started(options, simOptions.Instruments.Count);
        var clock = Stopwatch.StartNew();
        var faults = new FaultRotation(options.Faults, options.FaultEvery, kind => server.InjectFault(kind, stallMillis: 300));
        var previousFrames = 0L;
        var previousSeconds = 0.0;
        while (!shutdown.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
        {
            var seconds = clock.Elapsed.TotalSeconds;
            if (faults.Tick(clock.Elapsed, output) is { } kind)
            {
                runLog.Logger.Log(runLog.FaultInjected, runLog.Catalog.Text(kind.ToString()).Value);
            }

            if (shutdown.TryTakeReload(out var reloads))
            {
                reload.TryReload(reloads, output);
            }

            var snapshot = status.Take();
            var rate = (snapshot.Frames - previousFrames) / Math.Max(seconds - previousSeconds, 1e-9);
            previousFrames = snapshot.Frames;
            previousSeconds = seconds;
            output.WriteLine(snapshot.Format(seconds, rate));
        }

        shutdown.RunStopSteps(
            () =>
            {
                md.Join(TimeSpan.FromSeconds(5));
                connector.Stop();
            },
            ShutdownSignal.StopDeadline);
        var final = status.Take();
        output.WriteLine(final.FormatSummary(clock.Elapsed.TotalSeconds, faults.Injected));
        if (connector.LastError is { } lastError && final.Reconnects > 0)
        {
            output.WriteLine($"  last connection event: {lastError}");
        }

        runLog.Stopped(in final, faults.Injected);

        var undetectedProblem = faults.Injected == 0 && (final.ChecksumMismatches > 0 || final.Gaps > 0 || final.Errors > 0);
        return undetectedProblem ? ExitCodes.Findings : ExitCodes.Ok;
    }

    private static void MarketDataLoop(BitfinexConnector<NullMarketDataHandler> connector, RunStatus<NullMarketDataHandler> status, CancellationToken stop)
    {
        // Spin, then yield, then park up to 1 ms: fast wake-up under load without owning a core of a small box.
        var idle = new BackoffIdleStrategy(maxSpins: 200, maxYields: 200, minParkNanos: 50_000, maxParkNanos: 1_000_000);
        var publishEvery = Stopwatch.Frequency / 4;
        var nextPublish = Stopwatch.GetTimestamp() + publishEvery;
        while (!stop.IsCancellationRequested)
        {
            idle.Idle(connector.DoWork());
            var now = Stopwatch.GetTimestamp();
            if (now >= nextPublish)
            {
                status.Publish();
                nextPublish = now + publishEvery;
            }
        }

        status.Publish();
    }

    private static bool TryReadOptions(CliArguments cli, out RunOptions options, out string error)
    {
        options = new RunOptions();
        if (cli.Positionals.Count > 0)
        {
            error = $"unexpected argument '{cli.Positionals[0]}'";
            return false;
        }

        if (!cli.TryGetSeconds("duration", 7 * 24 * 3600, out var duration, out error) ||
            !cli.TryGetInt("rate", 2000, 1, 10_000_000, out var rate, out error) ||
            !cli.TryGetInt("len", 25, 1, 250, out var length, out error) ||
            !cli.TryGetInt("seed", 1, int.MinValue, int.MaxValue, out var seed, out error) ||
            !cli.TryGetInt("port", 0, 0, 65535, out var port, out error) ||
            !cli.TryGetSeconds("fault-every", 3600, out var faultEvery, out error))
        {
            return false;
        }

        if (length is not (1 or 25 or 100 or 250))
        {
            error = $"--len must be 1, 25, 100 or 250 (Bitfinex book lengths), not {length}";
            return false;
        }

        var topology = cli.Get("topology") ?? "single";
        if (topology is not ("single" or "multi"))
        {
            error = $"--topology must be single or multi, not '{topology}'";
            return false;
        }

        var record = cli.Get("record");
        if (record is not null && topology != "multi")
        {
            error = "--record needs --topology multi (the archiver is a separate process on the IPC stream)";
            return false;
        }

        AdminEndpoint? admin = null;
        if (cli.Get("admin") is { } adminText)
        {
            if (!AdminEndpoint.TryParse(adminText, out var endpoint, out error))
            {
                return false;
            }

            if (topology != "single")
            {
                error = "--admin is available with --topology single only (the multi topology's admin plane is not wired yet)";
                return false;
            }

            admin = endpoint;
        }

        if (!TradingCommandLine.TryRead(cli, out var strategy, out var tradingMode, out var journal, out error))
        {
            return false;
        }

        if (strategy != TradingStrategy.MarketMaker && (cli.Has("latency-breakdown") || cli.Get("bench-out") is not null))
        {
            error = "--latency-breakdown and --bench-out need --strategy mm (they report the market maker's tick-to-trade samples; the arbitrage run does not record them)";
            return false;
        }

        if (topology == "multi" && cli.Has("latency-breakdown"))
        {
            error = "--latency-breakdown measures the stages of one process: it needs --topology single";
            return false;
        }

        FaultKind[] faults = [];
        var faultText = cli.Get("faults");
        if (faultText is not null && !FaultPlan.TryParse(faultText, out faults, out error))
        {
            return false;
        }

        if (faultEvery is not null && faults.Length == 0)
        {
            error = "--fault-every needs --faults";
            return false;
        }

        options = new RunOptions
        {
            Duration = duration,
            EventsPerSecond = rate,
            BookLength = length,
            Seed = seed,
            Port = port,
            Faults = faults,
            FaultEvery = faultEvery ?? TimeSpan.FromSeconds(5),
            MultiProcess = topology == "multi",
            RecordDirectory = record is null ? null : Path.GetFullPath(record),
            Admin = admin,
            Strategy = strategy,
            TradingMode = tradingMode,
            JournalPath = journal,
            LatencyBreakdown = cli.Has("latency-breakdown"),
            BenchDirectory = cli.Get("bench-out") is { } benchOut ? Path.GetFullPath(benchOut) : null,
        };
        return true;
    }
}
