using Velox.Ipc.Platform;

namespace Velox.Ipc.Agents;

/// <summary>Sleeps a fixed period (nanosleep) when idle; for housekeeping agents.</summary>
public readonly struct SleepingIdleStrategy : IIdleStrategy
{
    private readonly long _sleepNanos;

    /// <summary>Sleeps <paramref name="sleepNanos"/> per idle cycle.</summary>
    public SleepingIdleStrategy(long sleepNanos)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sleepNanos);
        _sleepNanos = sleepNanos;
    }

    /// <inheritdoc/>
    public void Idle(int workCount)
    {
        if (workCount == 0)
        {
            ThreadScheduling.SleepNanos(_sleepNanos);
        }
    }

    /// <inheritdoc/>
    public void Reset()
    {
    }
}
