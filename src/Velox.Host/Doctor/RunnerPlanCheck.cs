using Velox.Ipc.Agents;

namespace Velox.Host.Doctor;

/// <summary>
/// Checks runner placements against this machine (not just the plan file): a runner pinned to a CPU that is
/// not online, or two busy-spinning runners on one CPU, are refused; a busy-spinning runner on a CPU the kernel
/// does not isolate (/sys/devices/system/cpu/isolated) is only a warning, since it works but jitters.
/// </summary>
public static class RunnerPlanCheck
{
    /// <summary>The runners a validated plan implies: each pinned agent busy-spins on its CPU, an unpinned one backs off.</summary>
    public static IReadOnlyList<RunnerPlacement> FromPlan(CpuPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var placements = new List<RunnerPlacement>(plan.Pins.Count);
        foreach (var pin in plan.Pins)
        {
            placements.Add(new(pin.Agent, pin.Cpu, pin.Cpu is null ? IdleStrategyKind.Backoff : IdleStrategyKind.BusySpin));
        }

        return placements;
    }

    /// <summary>True when no placement is refused; every refusal is in <paramref name="problems"/>, every caution in <paramref name="warnings"/>.</summary>
    public static bool Check(
        IReadOnlyList<RunnerPlacement> placements, CpuSet online, CpuSet isolated,
        out IReadOnlyList<PlanProblem> problems, out IReadOnlyList<PlanProblem> warnings)
    {
        ArgumentNullException.ThrowIfNull(placements);
        ArgumentNullException.ThrowIfNull(online);
        ArgumentNullException.ThrowIfNull(isolated);
        var refused = new List<PlanProblem>();
        var cautions = new List<PlanProblem>();
        var spinner = new Dictionary<int, string>();
        foreach (var placement in placements)
        {
            if (placement.Cpu is not { } cpu)
            {
                continue;
            }

            if (!online.Contains(cpu))
            {
                refused.Add(new("agent-cpu-absent", $"{placement.Runner} is placed on CPU {cpu}, which this machine does not have (online: {online})"));
                continue;
            }

            if (placement.Idle != IdleStrategyKind.BusySpin)
            {
                continue;
            }

            if (!spinner.TryAdd(cpu, placement.Runner))
            {
                refused.Add(new("busy-spin-shared", $"{placement.Runner} and {spinner[cpu]} both busy-spin on CPU {cpu}: one would starve the other"));
            }

            if (!isolated.Contains(cpu))
            {
                cautions.Add(new("busy-spin-not-isolated", $"{placement.Runner} busy-spins on CPU {cpu}, which the kernel does not isolate (isolated: {(isolated.IsEmpty ? "none" : isolated)})"));
            }
        }

        problems = refused;
        warnings = cautions;
        return refused.Count == 0;
    }

    /// <summary>Online CPUs from /sys/devices/system/cpu/online (0..ProcessorCount−1 when unreadable).</summary>
    public static CpuSet ReadOnlineCpus() =>
        TryReadCpuList("/sys/devices/system/cpu/online", out var set) && !set.IsEmpty
            ? set
            : CpuSet.TryParse($"0-{Environment.ProcessorCount - 1}", out var all) ? all : CpuSet.Empty;

    /// <summary>Isolated CPUs from /sys/devices/system/cpu/isolated (empty when none or unreadable).</summary>
    public static CpuSet ReadIsolatedCpus() => TryReadCpuList("/sys/devices/system/cpu/isolated", out var set) ? set : CpuSet.Empty;

    private static bool TryReadCpuList(string path, out CpuSet set)
    {
        set = CpuSet.Empty;
        try
        {
            return CpuSet.TryParse(File.ReadAllText(path).Trim(), out set);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
