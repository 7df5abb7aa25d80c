namespace Velox.Ipc.Agents;

/// <summary>The idle strategy a runner applies, as chosen in configuration.</summary>
public enum IdleStrategyKind
{
    /// <summary>Spin with a CPU pause hint; for a thread that owns an isolated core.</summary>
    BusySpin,

    /// <summary>Yield the CPU to another runnable thread when idle.</summary>
    Yielding,

    /// <summary>Spin, then yield, then park with a doubling sleep up to a bound.</summary>
    Backoff,

    /// <summary>Sleep for a fixed period when idle.</summary>
    Sleeping,
}
