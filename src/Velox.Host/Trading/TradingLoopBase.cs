namespace Velox.Host.Trading;

/// <summary>A trading run's market-data thread without its sink type: what the status thread and the tests see.</summary>
public abstract class TradingLoopBase
{
    /// <summary>Set before <see cref="Run"/>: measure the md thread's allocations over this many frames (0: off).</summary>
    public long AllocationFrames { get; set; }

    /// <summary>Frames to let pass (and at least one order sent) before the allocation window opens.</summary>
    public long AllocationWarmupFrames { get; set; }

    /// <summary>The allocation window's result once it closed (written on the md thread).</summary>
    public SteadyStateAllocation? AllocationMeasured { get; protected set; }

    /// <summary>0, or the errno of pinning the md thread to its busy-poll CPU (it then busy-polls unpinned); set by <see cref="Run"/>.</summary>
    public int PinError { get; protected set; }

    /// <summary>What shutdown did (set when <see cref="Run"/> returns).</summary>
    public ShutdownReport? Stop { get; protected set; }

    /// <summary>The latest published counters (any thread).</summary>
    public abstract TradingSnapshot Take();

    /// <summary>The duty cycle until <paramref name="stop"/>, then the shutdown steps; md thread only.</summary>
    public abstract void Run(CancellationToken stop);
}
