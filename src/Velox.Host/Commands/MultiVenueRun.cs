using System.Diagnostics;
using System.Globalization;
using Velox.Host.Cli;
using Velox.Ipc.Agents;
using Velox.Venues.Binance;

namespace Velox.Host.Commands;

/// <summary>
/// `velox run --venues bitfinex,binance,binance-usdm,okx,bybit,kraken,gateio,coinbase,htx,mexc`: each venue's simulator dialect on 127.0.0.1 and our
/// connector for it, one market-data thread per venue; this thread prints one status line per venue
/// per second and a summary per venue.
/// </summary>
public static class MultiVenueRun
{
    /// <summary>Venues the simulator speaks, in the order they are started.</summary>
    public static IReadOnlyList<string> Known { get; } = ["bitfinex", "binance", "binance-usdm", "okx", "bybit", "kraken", "gateio", "coinbase", "htx", "mexc"];

    /// <summary>`velox run --venues LIST`: validates the list (usage errors to <paramref name="error"/>) and runs.</summary>
    public static int Run(RunOptions options, string venueList, ShutdownSignal shutdown, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!TryParseVenues(venueList, out var venues, out var problem))
        {
            error.WriteLine($"velox run: {problem}");
            return ExitCodes.Usage;
        }

        return Execute(options, venues, shutdown, output);
    }

    /// <summary>Parses a comma-separated venue list (known names, no repeats).</summary>
    public static bool TryParseVenues(string text, out string[] venues, out string error)
    {
        venues = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        error = string.Empty;
        if (venues.Length == 0)
        {
            error = $"--venues needs at least one of {string.Join(", ", Known)}";
            return false;
        }

        foreach (var venue in venues)
        {
            if (!Known.Contains(venue))
            {
                error = $"--venues: unknown venue '{venue}' (the simulator speaks {string.Join(", ", Known)})";
                return false;
            }
        }

        if (venues.Distinct(StringComparer.Ordinal).Count() != venues.Length)
        {
            error = "--venues: a venue is listed twice";
            return false;
        }

        return true;
    }

    /// <summary>Runs until the signal fires; writes status lines and the summaries to <paramref name="output"/>.</summary>
    public static int Execute(RunOptions options, IReadOnlyList<string> venues, ShutdownSignal shutdown, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(venues);
        ArgumentNullException.ThrowIfNull(shutdown);
        ArgumentNullException.ThrowIfNull(output);
        if (options.MultiProcess || options.Port != 0 || options.RecordDirectory is not null || options.Admin is not null)
        {
            output.WriteLine("velox run: --venues runs in one process on free ports (no --topology multi, --record, --port or --admin)");
            return ExitCodes.Usage;
        }

        var runs = new List<VenueRun>();
        try
        {
            foreach (var venue in venues)
            {
                runs.Add(Create(venue, options));
            }

            return Run(options, runs, shutdown, output);
        }
        finally
        {
            foreach (var run in runs)
            {
                run.Dispose();
            }
        }
    }

    private static VenueRun Create(string venue, RunOptions options) => venue switch
    {
        "bitfinex" => new BitfinexVenueRun(options),
        "binance" => new BinanceVenueRun(options),
        "binance-usdm" => new BinanceVenueRun(options, BinanceMarket.UsdmFutures),
        "okx" => new OkxVenueRun(options),
        "bybit" => new BybitVenueRun(options),
        "kraken" => new KrakenVenueRun(options),
        "gateio" => new GateIoVenueRun(options),
        "coinbase" => new CoinbaseVenueRun(options),
        "htx" => new HtxVenueRun(options),
        "mexc" => new MexcVenueRun(options),
        _ => throw new ArgumentException($"unknown venue '{venue}'", nameof(venue)),
    };

    private static int Run(RunOptions options, List<VenueRun> runs, ShutdownSignal shutdown, TextWriter output)
    {
        output.WriteLine($"velox run: {runs.Count} venues, {options.EventsPerSecond} events/s each");
        var names = new string[runs.Count];
        for (var i = 0; i < runs.Count; i++)
        {
            names[i] = runs[i].Name;
        }

        var width = VenueColumnWidth(names);
        foreach (var run in runs)
        {
            output.WriteLine($"  {run.Name.PadRight(width)} simulator {run.Endpoint}");
        }

        var threads = new List<Thread>();
        foreach (var run in runs)
        {
            var thread = new Thread(() => MarketDataLoop(run, shutdown.Token)) { Name = $"velox-md-{run.Name}", IsBackground = true };
            thread.Start();
            threads.Add(thread);
        }

        var clock = Stopwatch.StartNew();
        var nextFault = options.FaultEvery;
        var injected = 0;
        var previousFrames = new long[runs.Count];
        var previousSeconds = 0.0;
        while (!shutdown.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
        {
            var seconds = clock.Elapsed.TotalSeconds;
            if (options.Faults.Count > 0 && clock.Elapsed >= nextFault)
            {
                var kind = options.Faults[injected % options.Faults.Count];
                injected++;
                nextFault += options.FaultEvery;
                foreach (var run in runs)
                {
                    var taken = run.InjectFault(kind);
                    output.WriteLine(taken > 0 ? $"  injected fault: {kind} into {run.Name}" : $"  fault {kind}: {run.Name} has no such fault");
                }
            }

            for (var i = 0; i < runs.Count; i++)
            {
                var snapshot = runs[i].Take();
                var rate = (snapshot.Frames - previousFrames[i]) / Math.Max(seconds - previousSeconds, 1e-9);
                previousFrames[i] = snapshot.Frames;
                output.WriteLine(FormatLine(runs[i].Name, width, seconds, rate, snapshot));
            }

            previousSeconds = seconds;
        }

        foreach (var thread in threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        var findings = 0;
        output.WriteLine($"summary: {clock.Elapsed.TotalSeconds:F1}s, faults injected {injected}");
        foreach (var run in runs)
        {
            var final = run.Take();
            var undetected = injected == 0 && (final.ChecksumMismatches > 0 || final.Gaps > 0 || final.Errors > 0 || final.BooksInSync < final.Books);
            findings += undetected ? 1 : 0;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {run.Name.PadRight(width)} {final.Frames:N0} messages ({final.BookUpdates:N0} book updates, {final.Trades:N0} trades), books {final.BooksInSync}/{final.Books} in sync, checksums verified {final.ChecksumsVerified:N0}, mismatches {final.ChecksumMismatches}, gaps {final.Gaps}, resyncs {final.Resyncs}, reconnects {final.Reconnects}, errors {final.Errors}{(undetected ? " — PROBLEM" : string.Empty)}"));
            if (run.LastError is { } lastError && final.Reconnects > 0)
            {
                output.WriteLine($"           last connection event: {lastError}");
            }
        }

        return findings > 0 ? ExitCodes.Findings : ExitCodes.Ok;
    }

    /// <summary>Width of the venue column: the longest venue name of the run (at least 8, the width the other columns were laid out for).</summary>
    public static int VenueColumnWidth(IReadOnlyList<string> venues)
    {
        ArgumentNullException.ThrowIfNull(venues);
        var width = 8;
        foreach (var venue in venues)
        {
            width = Math.Max(width, venue.Length);
        }

        return width;
    }

    /// <summary>One venue's status line, its name padded to <paramref name="venueWidth"/> so the columns of every venue line up.</summary>
    public static string FormatLine(string venue, int venueWidth, double seconds, double rate, in StatusSnapshot s) => string.Create(
        CultureInfo.InvariantCulture,
        $"[{seconds,5:F0}s] {venue.PadRight(venueWidth)} {rate,9:N0} msg/s | books {s.BooksInSync}/{s.Books} in sync | checksums {s.ChecksumsVerified:N0} ok {s.ChecksumMismatches} bad | gaps {s.Gaps} | resyncs {s.Resyncs} | reconnects {s.Reconnects} | errors {s.Errors}");

    private static void MarketDataLoop(VenueRun run, CancellationToken stop)
    {
        // Spin, then yield, then park up to 1 ms: several venues share a small box.
        var idle = new BackoffIdleStrategy(maxSpins: 100, maxYields: 100, minParkNanos: 50_000, maxParkNanos: 1_000_000);
        var publishEvery = Stopwatch.Frequency / 4;
        var nextPublish = Stopwatch.GetTimestamp() + publishEvery;
        while (!stop.IsCancellationRequested)
        {
            idle.Idle(run.DoWork());
            var now = Stopwatch.GetTimestamp();
            if (now >= nextPublish)
            {
                run.Publish();
                nextPublish = now + publishEvery;
            }
        }

        run.Publish();
        run.Stop();
    }
}
