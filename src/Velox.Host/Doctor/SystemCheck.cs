namespace Velox.Host.Doctor;

/// <summary>Knobs read from single /proc and /sys files: isolation lists, governors, THP, sysctls, swap, clock, SMT, C-states.</summary>
public static class SystemCheck
{
    private const string InvariantTscFlags = "constant_tsc,nonstop_tsc";
    private static readonly string[] TscFlags = ["constant_tsc", "nonstop_tsc"];

    /// <summary>A file's trimmed value must equal <paramref name="desired"/>.</summary>
    public static KnobResult Value(SystemView view, string name, string path, string desired)
    {
        if (!view.TryRead(path, out var actual))
        {
            return new(name, desired, "unreadable", KnobStatus.Unknown);
        }

        return new(name, desired, actual, actual == desired ? KnobStatus.Ok : KnobStatus.Drift);
    }

    /// <summary>A file holding a CPU list (such as /sys/devices/system/cpu/isolated) must equal the set.</summary>
    public static KnobResult CpuListFile(SystemView view, string name, string path, CpuSet desired)
    {
        var want = desired.ToString();
        if (!view.TryRead(path, out var actual))
        {
            return new(name, want, "unreadable", KnobStatus.Unknown);
        }

        if (actual == "(null)")
        {
            actual = string.Empty;
        }

        return CpuSet.TryParse(actual, out var set) && set.ToString() == want
            ? new(name, want, actual, KnobStatus.Ok)
            : new(name, want, actual.Length > 0 ? actual : "(empty)", KnobStatus.Drift);
    }

    /// <summary>The cpufreq governor of every CPU in H and I.</summary>
    public static void Governors(CpuPlan plan, SystemView view, List<KnobResult> rows)
    {
        foreach (var cpu in plan.AllCpus.Cpus)
        {
            rows.Add(Value(view, $"cpu{cpu}.governor", $"/sys/devices/system/cpu/cpu{cpu}/cpufreq/scaling_governor", plan.Governor));
        }
    }

    /// <summary>Transparent huge pages: the bracketed mode must be never.</summary>
    public static KnobResult TransparentHugePages(SystemView view)
    {
        const string Name = "mm.transparent_hugepage";
        if (!view.TryRead("/sys/kernel/mm/transparent_hugepage/enabled", out var text))
        {
            return new(Name, "never", "unreadable", KnobStatus.Unknown);
        }

        var open = text.IndexOf('[', StringComparison.Ordinal);
        var close = open < 0 ? -1 : text.IndexOf(']', open);
        var mode = close > open ? text[(open + 1)..close] : text;
        return new(Name, "never", mode, mode == "never" ? KnobStatus.Ok : KnobStatus.Drift);
    }

    /// <summary>Each sysctl of 90-velox.conf, read from /proc/sys.</summary>
    public static void Sysctls(SystemView view, List<KnobResult> rows)
    {
        foreach (var (key, value) in TuningTargets.Sysctls)
        {
            rows.Add(Value(view, "sysctl." + key, "/proc/sys/" + key.Replace('.', '/'), value));
        }
    }

    /// <summary>No active swap device (/proc/swaps has only its header).</summary>
    public static KnobResult Swap(SystemView view)
    {
        if (!view.TryReadRaw("/proc/swaps", out var text))
        {
            return new("swap", "none", "unreadable", KnobStatus.Unknown);
        }

        var devices = text.Split('\n').Skip(1)
            .Select(line => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 0)
            .Select(fields => fields[0]);
        var list = string.Join(',', devices);
        return list.Length == 0 ? new("swap", "none", "none", KnobStatus.Ok) : new("swap", "none", list, KnobStatus.Drift);
    }

    /// <summary>The CPU advertises an invariant TSC (constant_tsc and nonstop_tsc), needed for tsc=reliable.</summary>
    public static KnobResult InvariantTsc(SystemView view)
    {
        const string Name = "cpu.invariant_tsc";
        if (!view.TryReadRaw("/proc/cpuinfo", out var cpuinfo))
        {
            return new(Name, InvariantTscFlags, "unreadable", KnobStatus.Unknown);
        }

        var flags = cpuinfo.Split('\n').FirstOrDefault(line => line.StartsWith("flags", StringComparison.Ordinal));
        if (flags is null)
        {
            return new(Name, InvariantTscFlags, "unreadable", KnobStatus.Unknown);
        }

        var words = flags.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var have = TscFlags.Where(flag => words.Contains(flag)).ToArray();
        return have.Length == 2
            ? new(Name, InvariantTscFlags, string.Join(',', have), KnobStatus.Ok)
            : new(Name, InvariantTscFlags, have.Length > 0 ? have[0] : "neither", KnobStatus.Drift);
    }
}
