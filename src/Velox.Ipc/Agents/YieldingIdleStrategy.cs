namespace Velox.Ipc.Agents;

/// <summary>sched_yield when idle: stays hot but lets other runnable threads on the core run.</summary>
public struct YieldingIdleStrategy : IIdleStrategy
{
    /// <inheritdoc/>
    public readonly void Idle(int workCount)
    {
        if (workCount == 0)
        {
            Thread.Yield();
        }
    }

    /// <inheritdoc/>
    public readonly void Reset()
    {
    }
}
