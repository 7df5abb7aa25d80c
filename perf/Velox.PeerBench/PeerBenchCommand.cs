using Velox.PeerBench.Corpus;
using Velox.PeerBench.Echo;
using Velox.PeerBench.Loopback;
using Velox.PeerBench.Peers;
using Velox.PeerBench.Replay;
using Velox.PeerBench.Report;
using Velox.Testing;

namespace Velox.PeerBench;

/// <summary>Runs the peer comparisons and writes peers.json and peers.md.</summary>
public static class PeerBenchCommand
{
    public const string MarfusiosCapture = "bitfinex/marfusios_bitfinex_raw_2018-11-12.txt.gz";

    public static int Run(string[] args)
    {
        PeerBenchOptions options;
        try
        {
            options = PeerBenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"Velox.PeerBench: {e.Message}");
            Console.Error.WriteLine(PeerBenchOptions.Usage);
            return 2;
        }

        var root = options.RepositoryRoot ?? SharedData.RepositoryRoot;
        var outDir = options.OutDir ?? Path.Combine(root, "artifacts", "perf");
        Directory.CreateDirectory(outDir);
        var workDir = Path.Combine(Path.GetTempPath(), $"velox-peerbench-{Environment.ProcessId}");
        Directory.CreateDirectory(workDir);
        var load = MachineFacts.ReadLoadAverage();
        Console.WriteLine($"Velox.PeerBench: load average {load}; corpora in {workDir}");
        var failed = false;
        string? report = null;
        try
        {
            var ccxt = NodePeer(options, root, "ccxt", out var ccxtReason);
            var wsEcho = NodePeer(options, root, "ws-echo", out var wsReason);
            var nodeVersion = NodeProcess.FindNode() is null ? "absent" : NodeVersion();
            var pending = new List<Comparison>();
            var rtts = new List<RoundTripResult>();
            var skipped = new List<string>();
            failed |= !Part(options, "replay", skipped, () => RunReplay(options, ccxt, ccxtReason, workDir, pending, skipped));
            failed |= !Part(options, "loopback", skipped, () => pending.AddRange(RunLoopback(options.LoopbackFrames)));
            failed |= !Part(options, "echo", skipped, () =>
            {
                Console.WriteLine("echo round trips:");
                if (wsEcho is null)
                {
                    skipped.Add($"node ws echo pairs: {wsReason}");
                }

                rtts.AddRange(EchoBench.Run(new EchoOptions { Count = options.EchoCount, Warmup = Math.Max(100, options.EchoCount / 10) }, wsEcho, Console.WriteLine));
            });

            var result = new PeerReport { Machine = MachineFacts.Collect(load, nodeVersion) };
            result.Comparisons.AddRange(pending);
            result.RoundTrips.AddRange(rtts);
            result.Skipped.AddRange(skipped);
            File.WriteAllBytes(Path.Combine(outDir, "peers.json"), result.ToJson());
            report = result.ToMarkdown();
            File.WriteAllText(Path.Combine(outDir, "peers.md"), report);
            if (options.ScenarioDir is not null)
            {
                var tool = "Velox.PeerBench " + string.Join(' ', args);
                foreach (var path in PeerScenarios.Write(result, options.ScenarioDir, root, tool, load))
                {
                    Console.WriteLine($"wrote {path}");
                }
            }
        }
        finally
        {
            if (!options.KeepCorpora)
            {
                Directory.Delete(workDir, recursive: true);
            }
        }

        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine($"wrote {Path.Combine(outDir, "peers.json")} and peers.md");
        return failed ? 1 : 0;
    }

    /// <summary>Velox vs ccxt over the Marfusios capture, the generated stream with "cs" frames, and the same without them.</summary>
    public static void RunReplay(PeerBenchOptions options, string? ccxt, string ccxtReason, string workDir, List<Comparison> results, List<string> skipped)
    {
        var budget = TimeSpan.FromSeconds(options.Seconds);
        var corpora = new List<(FrameCorpus Corpus, string Stream)>();
        var capture = SharedData.TryFind(MarfusiosCapture, out var reason);
        if (capture is null)
        {
            skipped.Add($"marfusios replay: {reason}");
        }
        else
        {
            corpora.Add((FrameCorpus.FromCapture("marfusios", capture), "Marfusios dump 2018-11-12 (real, no cs)"));
        }

        var withChecksums = SimulatedCorpus.Generate("sim-cs", options.SimFrames);
        corpora.Add((withChecksums, $"simulator seed {SimulatedCorpus.DefaultSeed}, OB_CHECKSUM, books tBTCUSD+tETHUSD len 25 (6-decimal sizes) + trades"));
        corpora.Add((withChecksums.Without("sim-no-cs", FrameCorpus.IsChecksumFrame), "the same stream without its cs frames"));
        if (ccxt is null)
        {
            skipped.Add($"ccxt peer: {ccxtReason}");
        }

        foreach (var (corpus, stream) in corpora)
        {
            Console.WriteLine($"replay {corpus}");
            var velox = VeloxReplay.Run(corpus, budget);
            Console.WriteLine($"  velox {velox.FramesPerSecond,14:N0} frames/s  ({velox.AllocatedBytesPerFrame:N2} B/frame, cs {velox.ChecksumsVerified:N0}/{velox.ChecksumMismatches:N0})");
            ThroughputResult? peer = null;
            if (ccxt is not null)
            {
                peer = CcxtPeer.Run(ccxt, corpus, workDir, budget);
                Console.WriteLine($"  ccxt  {peer.FramesPerSecond,14:N0} frames/s  (cs {peer.ChecksumsVerified:N0}/{peer.ChecksumMismatches:N0})  ratio {velox.FramesPerSecond / peer.FramesPerSecond:N1}x");
            }

            results.Add(new Comparison($"ccxt/{corpus.Name}", stream, velox, peer, ccxt is null ? ccxtReason : null));
        }
    }

    /// <summary>
    /// Our client + session vs ClientWebSocket + JsonDocument + SortedDictionary, same frame count, first
    /// from the live simulator, then from the same stream pre-generated and written from memory.
    /// </summary>
    public static List<Comparison> RunLoopback(int frames)
    {
        var timeout = TimeSpan.FromMinutes(3);
        var results = new List<Comparison>();
        var wire = LoopbackServer.EncodeStream(frames);
        foreach (var source in new[] { LoopbackSource.Simulator, LoopbackSource.Blast })
        {
            results.Add(RunLoopback(source, frames, timeout, wire));
        }

        return results;
    }

    /// <summary>One loopback comparison: Velox first, then the naive pipeline, each with a fresh server.</summary>
    public static Comparison RunLoopback(LoopbackSource source, int frames, TimeSpan timeout, byte[]? blastWire = null)
    {
        Console.WriteLine($"loopback {source}: {frames:N0} frames each (seed {LoopbackStream.Seed}, {LoopbackStream.Symbol} len 25, SEQ_ALL+OB_CHECKSUM)");
        var velox = VeloxLoopbackClient.Run(source, frames, timeout, blastWire);
        Console.WriteLine($"  velox        {velox.FramesPerSecond,14:N0} frames/s  {velox.AllocatedBytesPerFrame,10:N1} B/frame");
        var naive = NaiveLoopbackClient.Run(source, frames, timeout, blastWire);
        Console.WriteLine($"  naive-dotnet {naive.FramesPerSecond,14:N0} frames/s  {naive.AllocatedBytesPerFrame,10:N1} B/frame  ratio {velox.FramesPerSecond / naive.FramesPerSecond:N1}x");
        var stream = source == LoopbackSource.Simulator
            ? $"live BitfinexSimulatorServer over 127.0.0.1, seed {LoopbackStream.Seed}, unthrottled (server-bound: one send per frame)"
            : $"the same simulator stream pre-generated, written from memory over 127.0.0.1 (client-bound)";
        return new Comparison($"naive-dotnet/loopback-{(source == LoopbackSource.Simulator ? "sim" : "blast")}", stream, velox, naive);
    }

    private static bool Part(PeerBenchOptions options, string part, List<string> skipped, Action run)
    {
        if (!options.Parts.Contains(part))
        {
            return true;
        }

        try
        {
            run();
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException or System.Net.WebSockets.WebSocketException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"Velox.PeerBench: {part} failed: {e}");
            skipped.Add($"{part}: FAILED: {e.Message}");
            return false;
        }
    }

    private static string? NodePeer(PeerBenchOptions options, string root, string name, out string reason)
    {
        if (options.NoNode)
        {
            reason = "--no-node";
            return null;
        }

        return NodeProcess.TryFindPeer(root, name, out reason);
    }

    private static string NodeVersion()
    {
        try
        {
            using var process = NodeProcess.Start(Path.GetTempPath(), "--version");
            var version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
