namespace Velox.Ipc.Agents;

/// <summary>Never gives up the core: one pause-hinted spin per idle cycle (keeps the sibling hyperthread and power draw calm).</summary>
public struct BusySpinIdleStrategy : IIdleStrategy
{
    /// <inheritdoc/>
    public readonly void Idle(int workCount)
    {
        if (workCount == 0)
        {
            Thread.SpinWait(1);
        }
    }

    /// <inheritdoc/>
    public readonly void Reset()
    {
    }
}
