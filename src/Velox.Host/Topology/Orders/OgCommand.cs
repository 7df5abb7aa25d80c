using System.Diagnostics;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Host.Trading;
using Velox.Ipc;
using Velox.Ipc.Agents;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.Net.WebSockets;
using Velox.Venues.Bitfinex;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// `velox og`: the order gateway process of the multi topology. Subscribes the engine's order commands, owns the venue's
/// authenticated connection (paper: its own WebSocket to the simulator, separate from md's), encodes and sends each
/// order at once, publishes execution reports back to the engine and its counters (with tick-to-trade) on its status
/// stream four times a second. On SIGTERM: cancel-all, bounded wait for the acks, connection closed.
/// </summary>
public static class OgCommand
{
    private const string Usage = """
        usage: velox og [--mode dry-run|paper] [--sim-url ws://HOST:PORT/ws/2] [--ipc-dir DIR] [--symbol SYMBOL]
                        [--stream-orders N] [--stream-reports N] [--stream-status N] [--seed N] [--bench-scenario DIR]
                        [--venue bitfinex|binance] [--venues bitfinex|bitfinex,binance] [--rest-url http://HOST:PORT/]
          --mode            paper: orders go to the simulator's demo account at --sim-url; dry-run (default): nothing
                            is sent, synthetic acks and cancels answer the engine
          --venue           the venue og trades at: bitfinex (default) or binance
          --venues          the topology's venues, which fix the instrument ids: bitfinex (default unless --venue
                            binance) or bitfinex,binance (the arbitrage: tBTCUSD id 0, BTCUSDT id 1)
          --sim-url         paper: the venue's WebSocket endpoint, Bitfinex dialect (the embedded simulator's /ws/2)
                            or the simulated Binance's WebSocket API (/ws-api/v3)
          --rest-url        paper at binance: the REST base its exchangeInfo filters are loaded from; paper at
                            bitfinex (optional): the REST base orders are reconciled from after a reconnect
          --ipc-dir         IPC directory (default /dev/shm/velox-<user>)
          --symbol          the traded instrument (default tBTCUSD): og subscribes its trades, which drive the
                            simulator's fills on og's connection
          --stream-orders   order commands from the engine (default 12)
          --stream-reports  execution reports to the engine (default 13)
          --stream-status   og's status record (default 22)
          --seed            reconnect jitter seed (default 1)
          --bench-scenario  at exit, write the tick-to-trade-ipc scenario (perf/BENCH-REPORT.md) into DIR
        Runs until SIGINT/SIGTERM. Exit: 0 stopped by a signal, 2 usage, 3 failure.
        """;

    private static readonly string[] Flags = ["help"];
    private static readonly string[] Valued =
        ["mode", "sim-url", "ipc-dir", "symbol", "stream-orders", "stream-reports", "stream-status", "seed", "bench-scenario", "venue", "venues", "rest-url"];

    public static int Run(string[] args)
    {
        if (!CliArguments.TryParse(args, 0, Flags, Valued, out var cli, out var problem) || !TryRead(cli, out var settings, out problem))
        {
            Console.Error.WriteLine($"velox og: {problem}");
            Console.Error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        if (cli.Has("help"))
        {
            Console.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        using var shutdown = new ShutdownSignal();
        using var ipc = new IpcDirectory(new IpcOptions { Directory = settings.IpcDirectory });
        using var commands = ipc.AddSubscription(settings.OrderStream);
        using var reports = ipc.AddExclusivePublication(settings.ReportStream);
        using var status = ipc.AddExclusivePublication(settings.StatusStream);
        if (!TryCreate(settings, commands, reports, out var service, out var error))
        {
            Console.Error.WriteLine($"velox og: {error}");
            return ExitCodes.Failure;
        }

        using var og = service!;
        Console.WriteLine($"velox og: {settings.Venue}, {(og.Mode == Strategies.Execution.ExecutionMode.Paper ? $"paper, orders to {settings.Url}" : "dry-run, nothing sent")}; commands ← stream {settings.OrderStream}, reports → stream {settings.ReportStream}, status {settings.StatusStream}");
        var scenario = settings.BenchScenario is null ? null : OgBenchScenario.Begin(og.Mode);
        Loop(og, status, shutdown.Token);
        var summary = og.Stop();
        Publish(og, status);
        var final = og.Status();
        if (scenario is not null && !OgBenchScenario.TryWrite(scenario, og, settings.BenchScenario!, out var written))
        {
            Console.Error.WriteLine($"velox og: {written}");
            return ExitCodes.Failure;
        }

        Console.WriteLine($"velox og: {summary}; {final.Commands:N0} commands, {final.OrdersSent:N0} orders {final.CancelsSent:N0} cancels {final.AmendsSent:N0} amends {final.CancelAllsSent:N0} cancel-alls sent, {final.ReportsPublished:N0} reports published ({final.ReportsDropped} dropped), {final.FormatTickToTrade()}");
        return ExitCodes.Ok;
    }

    private static void Loop(OgService og, ExclusivePublication status, CancellationToken stop)
    {
        var idle = new BackoffIdleStrategy(maxSpins: 200, maxYields: 200, minParkNanos: 50_000, maxParkNanos: 1_000_000);
        var interval = Stopwatch.Frequency * TopologyStreams.StatusIntervalMillis / 1000;
        var nextStatus = Stopwatch.GetTimestamp();
        string? lastAuthError = null;
        var lastReconciliation = 0L;
        while (!stop.IsCancellationRequested)
        {
            idle.Idle(og.DoWork() + status.DoWork());
            var now = Stopwatch.GetTimestamp();
            if (now >= nextStatus)
            {
                nextStatus = now + interval;
                Publish(og, status);
                if (og.LastAuthError is { } authError && authError != lastAuthError)
                {
                    Console.Error.WriteLine($"velox og: {authError}");
                }

                lastAuthError = og.LastAuthError;
                if (og.ReconciliationEvents != lastReconciliation)
                {
                    lastReconciliation = og.ReconciliationEvents;
                    Console.Error.WriteLine($"velox og: {og.ReconciliationSummary()}");
                }
            }
        }
    }

    private static bool TryCreate(OgSettings settings, Subscription commands, ExclusivePublication reports, out OgService? og, out string error)
    {
        og = null;
        error = string.Empty;
        if (settings.Url is not { } url)
        {
            og = OgService.DryRun(commands, reports);
            return true;
        }

        var registry = TopologyInstruments.Create(settings.WithBinance, out _);
        if (settings.Venue == BitfinexVenue.Name)
        {
            og = OgService.Paper(commands, reports, url, settings.Symbol, settings.Seed, registry, settings.RestUrl);
            return true;
        }

        try
        {
            og = OgService.PaperBinance(commands, reports, url, settings.RestUrl!, registry, settings.Seed);
            return true;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or System.Net.Sockets.SocketException or WebSocketHandshakeException
            or TimeoutException or TaskCanceledException or InvalidDataException or InvalidOperationException)
        {
            error = $"cannot reach the Binance WebSocket API at {url}: {e.Message}";
            return false;
        }
    }

    private static void Publish(OgService og, ExclusivePublication status)
    {
        Span<byte> record = stackalloc byte[OgStatusRecord.Length];
        og.Status().Write(record);
        status.Offer(record);
    }

    private static bool TryRead(CliArguments cli, out OgSettings settings, out string error)
    {
        settings = default!;
        if (cli.Positionals.Count > 0)
        {
            error = $"unexpected argument '{cli.Positionals[0]}'";
            return false;
        }

        if (!cli.TryGetInt("stream-orders", TopologyStreams.Orders, 1, int.MaxValue, out var orders, out error) ||
            !cli.TryGetInt("stream-reports", TopologyStreams.Reports, 1, int.MaxValue, out var reports, out error) ||
            !cli.TryGetInt("stream-status", TopologyStreams.OgStatus, 1, int.MaxValue, out var status, out error) ||
            !cli.TryGetInt("seed", 1, int.MinValue, int.MaxValue, out var seed, out error))
        {
            return false;
        }

        if (orders == reports || orders == status || reports == status)
        {
            error = "--stream-orders, --stream-reports and --stream-status must differ";
            return false;
        }

        var venue = cli.Get("venue") ?? BitfinexVenue.Name;
        if (venue is not (BitfinexVenue.Name or "binance"))
        {
            error = $"--venue must be bitfinex or binance, not '{venue}'";
            return false;
        }

        var venuesText = cli.Get("venues") ?? (venue == "binance" ? "bitfinex,binance" : BitfinexVenue.Name);
        if (!TopologyInstruments.TryParseVenues(venuesText, out var withBinance) || (venue == "binance" && !withBinance))
        {
            error = $"--venues must be bitfinex or bitfinex,binance and include --venue {venue}, not '{venuesText}'";
            return false;
        }

        Uri? url = null;
        Uri? rest = null;
        switch (cli.Get("mode") ?? "dry-run")
        {
            case "dry-run":
                break;
            case "paper":
                var urlText = cli.Get("sim-url");
                if (urlText is null || !Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("ws" or "wss"))
                {
                    error = urlText is null ? "--mode paper needs --sim-url" : $"--sim-url must be a ws:// or wss:// URL, not '{urlText}'";
                    return false;
                }

                if (!url.IsLoopback)
                {
                    error = $"--mode paper sends to the embedded simulator only; '{url.Host}' is not a loopback address";
                    return false;
                }

                if (venue == "binance" || cli.Get("rest-url") is not null)
                {
                    var restText = cli.Get("rest-url");
                    if (restText is null || !Uri.TryCreate(restText, UriKind.Absolute, out rest) || rest.Scheme is not ("http" or "https") || !rest.IsLoopback)
                    {
                        error = restText is null ? "--mode paper --venue binance needs --rest-url" : $"--rest-url must be a loopback http:// URL, not '{restText}'";
                        return false;
                    }
                }

                break;
            case var other:
                error = $"--mode must be dry-run or paper, not '{other}'";
                return false;
        }

        settings = new OgSettings(url, cli.Get("ipc-dir") ?? IpcOptions.DefaultDirectory(), cli.Get("symbol") ?? TradingSettings.DefaultInstrument, orders, reports, status, seed,
            cli.Get("bench-scenario") is { } bench ? Path.GetFullPath(bench) : null, venue, withBinance, rest);
        return true;
    }

    private sealed record OgSettings(
        Uri? Url, string IpcDirectory, string Symbol, int OrderStream, int ReportStream, int StatusStream, int Seed, string? BenchScenario, string Venue,
        bool WithBinance, Uri? RestUrl);
}
