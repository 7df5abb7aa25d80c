using System.Text.Json;
using Velox.Perf;
using Velox.PeerBench.Replay;

namespace Velox.PeerBench.Report;

/// <summary>
/// The peer comparisons as scenario files (perf/BENCH-REPORT.md): peers-replay (Velox vs ccxt),
/// peers-loopback (Velox vs the naive .NET pipeline), peers-echo (round-trip histograms per pair), each
/// ratio carrying its floor from perf/gates.json.
/// </summary>
internal static class PeerScenarios
{
    public static List<string> Write(PeerReport report, string directory, string repositoryRoot, string tool, string loadAtStart)
    {
        var floors = LoadFloors(repositoryRoot);
        var written = new List<string>();
        var skipped = report.Skipped.Select(s => "skipped: " + s).ToList();
        var replay = report.Comparisons.Where(c => c.Name.StartsWith("ccxt/", StringComparison.Ordinal)).ToList();
        if (replay.Count > 0)
        {
            written.Add(Throughput("peers-replay", "Bitfinex frames/s over the same frames: Velox in-process vs ccxt (node)", replay, floors, "veloxOverCcxtReplayMin", tool, loadAtStart, skipped).Write(directory));
        }

        var loopback = report.Comparisons.Where(c => c.Name.StartsWith("naive-dotnet/", StringComparison.Ordinal)).ToList();
        if (loopback.Count > 0)
        {
            written.Add(Throughput("peers-loopback", "Bitfinex frames/s over 127.0.0.1 WebSocket: Velox vs ClientWebSocket + JsonDocument + SortedDictionary", loopback, floors, "veloxOverNaiveDotnetLoopbackMin", tool, loadAtStart, skipped).Write(directory));
        }

        if (report.RoundTrips.Count > 0)
        {
            var echo = new BenchScenario
            {
                Id = "peers-echo",
                Title = "WebSocket round trip, 32 B, one in flight over 127.0.0.1: pairs of client-server vs raw TCP",
                Tool = tool,
                LoadAverageStart = loadAtStart,
                Notes = [.. report.RoundTrips.Select(r => $"{r.Pair}: client {r.Client}, server {r.Server}"), .. skipped.Where(s => s.Contains("echo", StringComparison.Ordinal))],
            };
            foreach (var r in report.RoundTrips)
            {
                if (r.Histogram is not null)
                {
                    echo.Histograms.Add(BenchHistogram.From(r.Pair, r.Histogram));
                }
            }

            var tcp = report.RoundTrips.FirstOrDefault(r => r.Pair == "raw-tcp");
            foreach (var r in report.RoundTrips.Where(r => r.Pair != "raw-tcp" && tcp is { P50Nanos: > 0 }))
            {
                echo.Ratios.Add(new BenchRatio($"{r.Pair} p50 over raw-tcp p50 (lower is better)", (double)r.P50Nanos / tcp!.P50Nanos));
            }

            written.Add(echo.Write(directory));
        }

        return written;
    }

    private static BenchScenario Throughput(string id, string title, List<Comparison> comparisons, JsonElement? floors, string floorKey, string tool, string loadAtStart, List<string> skipped)
    {
        double? floor = floors is { } f && f.TryGetProperty(floorKey, out var value) ? value.GetDouble() : null;
        var scenario = new BenchScenario { Id = id, Title = title, Tool = tool, LoadAverageStart = loadAtStart };
        foreach (var c in comparisons)
        {
            scenario.Notes.Add($"{c.Name}: {c.Stream}");
            AddFigures(scenario, c.Name, c.Velox);
            AddFigures(scenario, c.Name, c.Peer);
            if (c.Ratio is { } ratio)
            {
                scenario.Ratios.Add(new BenchRatio($"{c.Name} Velox/{c.Peer!.Pipeline} frames/s", ratio, floor, floor is null ? null : floorKey));
            }
            else
            {
                scenario.Notes.Add($"{c.Name}: no ratio ({c.SkipReason ?? "a side did not run"})");
            }
        }

        scenario.Notes.AddRange(skipped);
        return scenario;
    }

    private static void AddFigures(BenchScenario scenario, string name, ThroughputResult? result)
    {
        if (result is null)
        {
            return;
        }

        scenario.Figures.Add(new BenchFigure($"{name} {result.Pipeline} frames/s", result.FramesPerSecond, "frames/s", $"{result.Frames:N0} frames in {result.Seconds:N2} s"));
        if (result.AllocatedBytes >= 0)
        {
            scenario.Figures.Add(new BenchFigure($"{name} {result.Pipeline} allocated", result.AllocatedBytesPerFrame, "B/frame"));
        }
    }

    private static JsonElement? LoadFloors(string root)
    {
        var path = Path.Combine(root, "perf", "gates.json");
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.TryGetProperty("peerBench", out var peer) ? peer.Clone() : null;
    }
}
