namespace Velox.Benchmarks.Gate;

/// <summary>
/// One hot path the allocation gate drives: set up once (cold, may allocate), invoked a few times to warm
/// up (JIT, tiering, lazily sized tables), then invoked <see cref="Invocations"/> times while the gate
/// counts the bytes this thread allocates and the garbage collections that happen.
/// </summary>
public abstract class HotPathScenario
{
    /// <summary>Stable name the gate reports and <c>VELOX_PERF_GATE_INJECT_ALLOCATION</c> selects.</summary>
    public abstract string Name { get; }

    /// <summary>Operations (messages, checks, frames) one invocation performs, for the per-operation column.</summary>
    public virtual int OperationsPerInvocation => 1;

    public virtual int WarmupInvocations => Math.Max(3, 20_000 / OperationsPerInvocation);

    public virtual int Invocations => Math.Max(3, 50_000 / OperationsPerInvocation);

    /// <summary>Cold setup. Throws <see cref="ScenarioSkippedException"/> when the scenario cannot run here (missing shared data).</summary>
    public abstract void Setup();

    /// <summary>Untimed, unmeasured work before each invocation (BenchmarkDotNet's [IterationSetup]).</summary>
    public virtual void BeforeInvocation()
    {
    }

    /// <summary>The hot path: must not allocate.</summary>
    public abstract void Invoke();

    /// <summary>After the measurement: why the work done was wrong (for example checksum mismatches), or null.</summary>
    public virtual string? Verify() => null;

    public virtual void Cleanup()
    {
    }
}

/// <summary>The scenario cannot run on this machine (for example the shared recordings are absent); the gate lists it as skipped.</summary>
public sealed class ScenarioSkippedException(string reason) : Exception(reason);
