namespace Velox.Ipc.Agents;

/// <summary>How an <see cref="AgentRunner"/> places and paces its thread.</summary>
public sealed class AgentRunnerOptions
{
    /// <summary>Thread name (Linux shows the first 15 characters).</summary>
    public string Name { get; init; } = "velox-agent";

    /// <summary>CPU the thread pins itself to; null leaves it on the process's CPUs.</summary>
    public int? Cpu { get; init; }

    /// <summary>SCHED_FIFO priority (1..99) for the thread; null keeps SCHED_OTHER.</summary>
    public int? FifoPriority { get; init; }

    public IdleStrategyKind Idle { get; init; } = IdleStrategyKind.Backoff;

    /// <summary>Backoff: spins before yielding.</summary>
    public int BackoffMaxSpins { get; init; } = 100;

    /// <summary>Backoff: yields before parking.</summary>
    public int BackoffMaxYields { get; init; } = 100;

    /// <summary>Backoff: first park period.</summary>
    public long BackoffMinParkNanos { get; init; } = 1_000;

    /// <summary>Backoff: the park period doubles up to this bound.</summary>
    public long BackoffMaxParkNanos { get; init; } = 1_000_000;

    /// <summary>Sleeping: the fixed sleep per idle cycle.</summary>
    public long SleepNanos { get; init; } = 1_000_000;

    /// <summary>How long Start waits for the thread to come up and Stop waits for it to end.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where warnings and agent failures are also written (off the hot path); null = only kept in the runner.</summary>
    public TextWriter? Log { get; init; }
}
