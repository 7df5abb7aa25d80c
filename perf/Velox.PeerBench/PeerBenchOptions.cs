using System.Globalization;

namespace Velox.PeerBench;

/// <summary>Command line of Velox.PeerBench.</summary>
public sealed record PeerBenchOptions
{
    public const string Usage = """
        usage: Velox.PeerBench [options]
          --out DIR               where peers.json and peers.md go (default: artifacts/perf under the repository)
          --scenarios DIR         also write peers-replay/-loopback/-echo scenario files for Velox.BenchReport
          --repo DIR              repository root (default: found from the executable's folder)
          --seconds S             time budget per replay measurement, each side (default 3)
          --sim-frames N          frames in the generated stream with checksums (default 1000000)
          --loopback-frames N     frames each loopback pipeline reads (default 400000)
          --echo-count N          round trips per echo pair, after 10% warm-up (default 20000)
          --only LIST             comma list of parts: replay,loopback,echo (default: all)
          --no-node               skip the node peers (ccxt, ws)
          --keep-corpora          keep the corpus files (one frame per line) instead of deleting them
        exit codes: 0 done, 1 a part failed, 2 bad arguments
        """;

    public string? OutDir { get; init; }

    /// <summary>Where the scenario files (perf/BENCH-REPORT.md) go; null writes none.</summary>
    public string? ScenarioDir { get; init; }

    public string? RepositoryRoot { get; init; }

    public double Seconds { get; init; } = 3;

    public int SimFrames { get; init; } = 1_000_000;

    public int LoopbackFrames { get; init; } = 400_000;

    public int EchoCount { get; init; } = 20_000;

    public IReadOnlySet<string> Parts { get; init; } = new HashSet<string> { "replay", "loopback", "echo" };

    public bool NoNode { get; init; }

    public bool KeepCorpora { get; init; }

    public static PeerBenchOptions Parse(string[] args)
    {
        var options = new PeerBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            options = name switch
            {
                "--out" => options with { OutDir = Value() },
                "--scenarios" => options with { ScenarioDir = Value() },
                "--repo" => options with { RepositoryRoot = Value() },
                "--seconds" => options with { Seconds = Positive(name, double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--sim-frames" => options with { SimFrames = (int)Positive(name, int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--loopback-frames" => options with { LoopbackFrames = (int)Positive(name, int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--echo-count" => options with { EchoCount = (int)Positive(name, int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--only" => options with { Parts = ParseParts(Value()) },
                "--no-node" => options with { NoNode = true },
                "--keep-corpora" => options with { KeepCorpora = true },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        return options;
    }

    private static double Positive(string name, double value) =>
        value > 0 ? value : throw new ArgumentException($"{name} must be positive, got {value}");

    private static HashSet<string> ParseParts(string list)
    {
        var parts = new HashSet<string>(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var part in parts)
        {
            if (part is not ("replay" or "loopback" or "echo"))
            {
                throw new ArgumentException($"--only: unknown part '{part}' (replay, loopback, echo)");
            }
        }

        return parts;
    }
}
