using System.Diagnostics;
using System.Globalization;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Host.Topology.Orders;
using Velox.Host.Trading;
using Velox.Host.Trading.Arbitrage;
using Velox.Ipc;
using Velox.Ipc.LogBuffers;
using Velox.Ipc.Subscriptions;
using Velox.Simulator;
using Velox.Simulator.Hosting;

namespace Velox.Host.Topology;

/// <summary>
/// `velox run --topology multi`: the embedded simulator in this process, `velox engine` and `velox md` as child
/// processes of the same binary wired over IPC in a fresh directory under /dev/shm. Prints md's and engine's
/// counters (from their status streams) once a second. On the stop signal it stops the children (SIGTERM, then
/// SIGKILL) and removes the IPC directory; when a child dies first it reports which one and how, stops the
/// others and returns <see cref="ExitCodes.Failure"/>. With <c>--strategy mm</c> the engine trades and a third child,
/// `velox og`, sends its orders on its own connection to the simulator (see <see cref="TopologyTrading"/>). With
/// <c>--strategy arb</c> the simulated Binance runs here too, md publishes both venues, and one og per venue sends the
/// arbitrage's legs (see <see cref="TopologyArbitrage"/>).
/// </summary>
public static class TopologyLauncher
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan EngineNoticeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs until <paramref name="shutdown"/> fires or a child dies. <paramref name="onChildStarted"/> sees (role, pid).</summary>
    public static int Execute(
        RunOptions options, ShutdownSignal shutdown, TextWriter output, VeloxExecutable executable, Action<string, int>? onChildStarted = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(shutdown);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(executable);
        var directory = Path.Combine("/dev/shm", $"velox-run-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            return Run(options, shutdown, output, executable, directory, onChildStarted);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static int Run(
        RunOptions options, ShutdownSignal shutdown, TextWriter output, VeloxExecutable executable, string directory, Action<string, int>? onChildStarted)
    {
        // Trading: the simulator's clock starts at the real time (cancels by cid carry our UTC date, as in TradingRun),
        // and md's and og's connections share one market, so og's orders meet the book the engine decided on.
        var isTrading = options.Strategy != TradingStrategy.None;
        var simOptions = new SimulatorOptions
        {
            Seed = options.Seed,
            EventsPerSecond = options.EventsPerSecond,
            EpochMillis = isTrading ? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() : new SimulatorOptions().EpochMillis,
            SharedMarket = isTrading,
        };
        var arbitrage = options.Strategy == TradingStrategy.Arbitrage;
        using var server = arbitrage
            ? ArbitrageVenues.CreateBitfinex(options.Seed, options.EventsPerSecond, simOptions.EpochMillis, options.Port, sharedMarket: true)
            : new BitfinexSimulatorServer(simOptions, options.Port);
        server.Start();
        using var binance = arbitrage ? ArbitrageVenues.CreateBinance(options.Seed, options.EventsPerSecond, simOptions.EpochMillis) : null;
        binance?.Start();
        using var ipc = new IpcDirectory(new IpcOptions { Directory = directory });
        using var mdStatus = ipc.AddSubscription(TopologyStreams.MdStatus);
        using var engineStatus = ipc.AddSubscription(TopologyStreams.EngineStatus);
        using var rawFrames = ipc.AddSubscription(TopologyStreams.RawFrames);
        using TopologyOrderEntry? trading = options.Strategy switch
        {
            TradingStrategy.None => null,
            TradingStrategy.Arbitrage => new TopologyArbitrage(options, ipc, binance!),
            _ => new TopologyTrading(options, ipc),
        };
        var ipcArgs = new[] { "--ipc-dir", directory };
        var children = new List<ChildProcess>(4);
        try
        {
            // og first, so it is stopped last: the engine's shutdown cancel-all still reaches the venue through it.
            foreach (var (role, arguments) in trading?.OgChildren(server.Url, server.RestUrl) ?? [])
            {
                children.Add(ChildProcess.Start(executable, role, "og", [.. ipcArgs, .. arguments]));
                onChildStarted?.Invoke(role, children[^1].Pid);
            }

            // The engine (and the archiver) first: md waits for its subscriber before connecting, so the engine
            // sees the first snapshots, and the archiver joins the raw stream before its first frame.
            children.Add(ChildProcess.Start(executable, "engine", trading is null ? ipcArgs : [.. ipcArgs, .. trading.EngineArguments()]));
            onChildStarted?.Invoke("engine", children[^1].Pid);
            if (options.RecordDirectory is { } archive)
            {
                children.Add(ChildProcess.Start(
                    executable, "archiver", "archive",
                    ["record", "--stream", TopologyStreams.RawFrames.ToString(CultureInfo.InvariantCulture), "--dir", archive, .. ipcArgs]));
                onChildStarted?.Invoke("archiver", children[^1].Pid);
            }

            children.Add(ChildProcess.Start(
                executable,
                "md",
                [.. ipcArgs, "--sim-url", server.Url.ToString(), "--len", options.BookLength.ToString(CultureInfo.InvariantCulture), .. trading?.MdArguments() ?? []]));
            onChildStarted?.Invoke("md", children[^1].Pid);
            output.WriteLine($"velox run (multi): simulator on {server.Url}{(binance is null ? string.Empty : $", binance simulator on {binance.BaseUrl} (REST {binance.Rest!.BaseAddress})")}, IPC {directory}, {string.Join(", ", children.ConvertAll(c => $"{c.Role} pid {c.Pid}"))}");
            return Supervise(options, shutdown, output, server, children, new StatusStreams(mdStatus, engineStatus, rawFrames, LogBufferDescriptor.ComputeMaxMessageLength(ipc.Options.TermLength)), trading);
        }
        finally
        {
            foreach (var child in children)
            {
                child.Dispose();
            }
        }
    }

    private static int Supervise(
        RunOptions options, ShutdownSignal shutdown, TextWriter output, BitfinexSimulatorServer server, List<ChildProcess> children,
        StatusStreams streams, TopologyOrderEntry? trading)
    {
        var (mdStatus, engineStatus, rawFrames, maxMessageLength) = streams;
        var raw = new FragmentAssembler<RawFrameTally>(default, maxMessageLength);
        var md = new StatusReader(MdStatusRecord.Length);
        var engine = new StatusReader(EngineStatus.Length);
        var clock = Stopwatch.StartNew();
        var nextLine = TimeSpan.FromSeconds(1);
        var nextFault = options.FaultEvery;
        var injected = 0;
        var previousFrames = 0L;
        var previousSeconds = 0.0;
        ChildProcess? died = null;
        while (died is null && !shutdown.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(100)))
        {
            mdStatus.Poll(ref md, 64);
            engineStatus.Poll(ref engine, 64);
            rawFrames.Poll(ref raw, int.MaxValue);
            trading?.Poll();
            died = children.Find(static c => c.HasExited);
            if (options.Faults.Count > 0 && clock.Elapsed >= nextFault)
            {
                var kind = options.Faults[injected % options.Faults.Count];
                server.InjectFault(kind, stallMillis: 300);
                injected++;
                nextFault += options.FaultEvery;
                output.WriteLine($"  injected fault: {kind}");
            }

            if (clock.Elapsed >= nextLine)
            {
                nextLine += TimeSpan.FromSeconds(1);
                var seconds = clock.Elapsed.TotalSeconds;
                var snapshot = MdStatusRecord.Read(md.Latest);
                var rate = (snapshot.Frames - previousFrames) / Math.Max(seconds - previousSeconds, 1e-9);
                previousFrames = snapshot.Frames;
                previousSeconds = seconds;
                output.WriteLine(trading is null
                    ? $"{snapshot.Format(seconds, rate)} | {FormatEngine(EngineStatus.Read(engine.Latest))}"
                    : $"{snapshot.Format(seconds, rate)} | {FormatEngine(EngineStatus.Read(engine.Latest))} | {trading.FormatLine()}");
            }
        }

        if (died is not null)
        {
            output.WriteLine($"velox run: {died.Role} (pid {died.Pid}) died: {died.DescribeExit()}");
            if (died.Role == "md")
            {
                AwaitEngineNotices(engineStatus, ref engine, output);
            }
        }

        mdStatus.Poll(ref md, 64);
        engineStatus.Poll(ref engine, 64);
        var finalMd = MdStatusRecord.Read(md.Latest);
        var finalEngine = EngineStatus.Read(engine.Latest);
        StopAll(children, output);
        rawFrames.Poll(ref raw, int.MaxValue);
        output.WriteLine(finalMd.FormatSummary(clock.Elapsed.TotalSeconds, injected));
        output.WriteLine($"engine: {FormatEngine(finalEngine)}, md events dropped {MdStatusRecord.EventsDropped(md.Latest)}, raw frames published {MdStatusRecord.RawPublished(md.Latest):N0}, raw frames received {raw.Handler.Frames:N0} ({raw.Handler.Bytes:N0} bytes, {raw.Handler.Malformed} malformed)");
        var openAtSimulator = trading?.WriteSummary(output, server) ?? 0;
        if (died is not null)
        {
            return ExitCodes.Failure;
        }

        if (openAtSimulator > 0)
        {
            return ExitCodes.Findings;
        }

        var undetectedProblem = injected == 0 && (finalMd.ChecksumMismatches > 0 || finalMd.Gaps > 0 || finalMd.Errors > 0);
        return undetectedProblem ? ExitCodes.Findings : ExitCodes.Ok;
    }

    private static void AwaitEngineNotices(Subscription engineStatus, ref StatusReader engine, TextWriter output)
    {
        // The engine learns of md's death from the log (process gone or heartbeat stale), not from us: give it
        // the publisher timeout to say so before it is stopped.
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < EngineNoticeTimeout && engineStatus.Status != SubscriptionStatus.PublisherDead)
        {
            engineStatus.Poll(ref engine, 64);
            var seen = EngineStatus.Read(engine.Latest).MarketData;
            if (seen is SubscriptionStatus.PublisherDead or SubscriptionStatus.EndOfStream or SubscriptionStatus.AwaitingPublisher)
            {
                output.WriteLine($"  engine noticed: md stream {seen} after {waited.ElapsedMilliseconds} ms");
                return;
            }

            Thread.Sleep(50);
        }

        output.WriteLine($"  engine did not report the md stream dead within {waited.ElapsedMilliseconds} ms");
    }

    private static void StopAll(List<ChildProcess> children, TextWriter output)
    {
        // md first: the engine then drains what md published and sees the stream end.
        for (var i = children.Count - 1; i >= 0; i--)
        {
            var child = children[i];
            var wasRunning = !child.HasExited;
            var clean = child.Stop(StopGrace);
            if (wasRunning)
            {
                output.WriteLine(clean
                    ? $"  stopped {child.Role} (pid {child.Pid}): {child.DescribeExit()}"
                    : $"  {child.Role} (pid {child.Pid}) ignored SIGTERM for {StopGrace.TotalSeconds:F0}s: killed");
            }
        }
    }

    private static string FormatEngine(in EngineStatus status) => string.Create(
        CultureInfo.InvariantCulture,
        $"engine {status.Events:N0} events, tops {status.Tops}/{status.Instruments}, books {status.BooksInSync} in sync, md stream {status.MarketData}");

    private readonly record struct StatusStreams(Subscription MdStatus, Subscription EngineStatus, Subscription RawFrames, int MaxMessageLength);
}
