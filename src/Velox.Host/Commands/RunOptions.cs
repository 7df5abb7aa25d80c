using Velox.Admin.Server;
using Velox.Host.Config;
using Velox.Host.Trading;
using Velox.Logging;
using Velox.Simulator.Faults;
using Velox.Strategies.Execution;

namespace Velox.Host.Commands;

/// <summary>Settings of `velox run`, validated from the command line.</summary>
public sealed record RunOptions
{
    public TimeSpan? Duration { get; init; }

    public int EventsPerSecond { get; init; } = 2000;

    public int BookLength { get; init; } = 25;

    public int Seed { get; init; } = 1;

    public int Port { get; init; }

    public IReadOnlyList<FaultKind> Faults { get; init; } = [];

    public TimeSpan FaultEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>True for `--topology multi`: md and engine as child processes over IPC.</summary>
    public bool MultiProcess { get; init; }

    /// <summary>With the multi topology: record the raw inbound frames stream into this archive directory.</summary>
    public string? RecordDirectory { get; init; }

    /// <summary>`--admin [ADDR:]PORT`: serve /metrics, /health, /ready and /kill there; null = no admin server.</summary>
    public AdminEndpoint? Admin { get; init; }

    /// <summary>The token POST /kill requires (admin.killToken, env VELOX_ADMIN__KILL_TOKEN); null disables /kill.</summary>
    public string? AdminToken { get; init; }

    /// <summary>The validated configuration the run started with (built-in defaults when constructed directly).</summary>
    public VeloxConfig Config { get; init; } = new();

    /// <summary>Where <see cref="Config"/> came from, re-read on SIGHUP; null or without a path: nothing to reload.</summary>
    public RunConfigSource? ConfigSource { get; init; }

    /// <summary>`--log-level SPEC`: levels that win over the logging section (also after a reload); null = none.</summary>
    public LogLevelSpec? LogLevels { get; init; }

    /// <summary>`--strategy`: none (market data only) or the market maker.</summary>
    public TradingStrategy Strategy { get; init; }

    /// <summary>`--mode`: dry run (decisions recorded, nothing sent) or paper (orders to the simulator).</summary>
    public ExecutionMode TradingMode { get; init; } = ExecutionMode.DryRun;

    /// <summary>`--latency-breakdown`: a trading run times the stages of each tick-to-trade sample and prints them in the summary.</summary>
    public bool LatencyBreakdown { get; init; }

    /// <summary>`--bench-out DIR`: a trading run writes its latency histograms there as bench scenario files (perf/BENCH-REPORT.md).</summary>
    public string? BenchDirectory { get; init; }

    /// <summary>`--journal PATH`: the audit journal of a trading run; null = a new file in the temp directory.</summary>
    public string? JournalPath { get; init; }
}
