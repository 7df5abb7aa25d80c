namespace Velox.Host.Doctor;

/// <summary>
/// A validated CPU plan (tuning/cpus.env): housekeeping and isolated CPUs, one CPU per agent, and the
/// boot-line choices derived from it. Built only by <see cref="CpuPlanFile"/>, so it is never contradictory.
/// </summary>
public sealed class CpuPlan
{
    /// <summary>The agents in plan order: md, engine, og, archiver.</summary>
    public static IReadOnlyList<string> Agents { get; } = ["md", "engine", "og", "archiver"];

    /// <summary>The plan used when no cpus.env is found; the same values as the committed tuning/cpus.env.</summary>
    public static CpuPlan Defaults { get; } = CpuPlanFile.TryParse(
        "H=0-1\nI=2-15\nMD_CPU=2\nENGINE_CPU=3\nOG_CPU=4\nARCHIVER_CPU=5\n", out var plan, out _)
        ? plan!
        : throw new InvalidOperationException("built-in CPU plan is invalid");

    public required CpuSet Housekeeping { get; init; }

    public required CpuSet Isolated { get; init; }

    public required IReadOnlyList<AgentPin> Pins { get; init; }

    public required IsolationMode Isolation { get; init; }

    public required int IntelIdleMaxCstate { get; init; }

    public required int ProcessorMaxCstate { get; init; }

    public required string Governor { get; init; }

    /// <summary>True when the plan asks for SMT off (nosmt on the boot line).</summary>
    public required bool SmtOff { get; init; }

    public bool UsesIsolcpus => Isolation is IsolationMode.Isolcpus or IsolationMode.Both;

    public bool UsesNohz => Isolation is IsolationMode.Nohz or IsolationMode.Both;

    /// <summary>H and I together.</summary>
    public CpuSet AllCpus => Housekeeping.Union(Isolated);
}
