namespace Velox.Host.Doctor;

/// <summary>IRQ placement: default affinity, every IRQ's effective affinity, and irqbalance.</summary>
public static class IrqCheck
{
    private const int ListedOffenders = 8;

    /// <summary>/proc/irq/default_smp_affinity (a hex mask) must be exactly H.</summary>
    public static KnobResult DefaultAffinity(CpuPlan plan, SystemView view)
    {
        const string Name = "irq.default_affinity";
        var want = plan.Housekeeping.ToString();
        if (!view.TryRead("/proc/irq/default_smp_affinity", out var mask) || !CpuSet.TryParseHexMask(mask, out var set))
        {
            return new(Name, want, "unreadable", KnobStatus.Unknown);
        }

        var actual = set.ToString();
        return new(Name, want, actual, actual == want ? KnobStatus.Ok : KnobStatus.Drift);
    }

    /// <summary>
    /// Every IRQ must fire within H. The effective affinity is what the IRQ really uses (managed IRQs keep
    /// a wide smp_affinity_list but fire on one CPU); smp_affinity_list is the fallback on older kernels.
    /// </summary>
    public static KnobResult Affinity(CpuPlan plan, SystemView view)
    {
        var desired = $"within {plan.Housekeeping}";
        var total = 0;
        var outside = new List<int>();
        foreach (var irq in view.NumberedEntries("/proc/irq"))
        {
            if (!view.TryRead($"/proc/irq/{irq}/effective_affinity_list", out var list) || list.Length == 0)
            {
                if (!view.TryRead($"/proc/irq/{irq}/smp_affinity_list", out list))
                {
                    continue;
                }
            }

            total++;
            if (!CpuSet.TryParse(list, out var set) || !set.IsSubsetOf(plan.Housekeeping))
            {
                outside.Add(int.TryParse(irq, out var number) ? number : -1);
            }
        }

        if (total == 0)
        {
            return new("irq.affinity", desired, "unreadable", KnobStatus.Unknown);
        }

        if (outside.Count == 0)
        {
            return new("irq.affinity", desired, $"all {total} within", KnobStatus.Ok);
        }

        outside.Sort();
        var listed = string.Join(',', outside.Take(ListedOffenders));
        return new("irq.affinity", desired, $"{outside.Count} of {total} outside: {listed}", KnobStatus.Drift);
    }

    /// <summary>irqbalance is fine when stopped, or when its ban list (from its environment) covers I.</summary>
    public static KnobResult Irqbalance(CpuPlan plan, SystemView view)
    {
        const string Name = "irqbalance";
        var desired = $"stopped or banned {plan.Isolated}";
        string? pid = null;
        var processes = 0;
        foreach (var entry in view.NumberedEntries("/proc"))
        {
            if (view.TryReadRaw($"/proc/{entry}/comm", out var comm))
            {
                processes++;
                if (comm.TrimEnd('\n') == "irqbalance")
                {
                    pid = entry;
                    break;
                }
            }
        }

        if (processes == 0)
        {
            return new(Name, desired, "no process list", KnobStatus.Unknown);
        }

        if (pid is null)
        {
            return new(Name, desired, "stopped", KnobStatus.Ok);
        }

        if (!view.TryReadRaw($"/proc/{pid}/environ", out var environ))
        {
            return new(Name, desired, "running, environment unreadable", KnobStatus.Unknown);
        }

        var variables = environ.Split('\0', '\n');
        var banned = LastValue(variables, "IRQBALANCE_BANNED_CPULIST=");
        if (banned.Length == 0)
        {
            var mask = LastValue(variables, "IRQBALANCE_BANNED_CPUS=");
            banned = mask.Length > 0 && CpuSet.TryParseHexMask(mask, out var masked) ? masked.ToString() : string.Empty;
        }

        return banned.Length > 0 && CpuSet.TryParse(banned, out var set) && plan.Isolated.IsSubsetOf(set)
            ? new(Name, desired, $"running, banned {banned}", KnobStatus.Ok)
            : new(Name, desired, $"running, banned {(banned.Length > 0 ? banned : "nothing")}", KnobStatus.Drift);
    }

    private static string LastValue(string[] variables, string prefix)
    {
        var value = string.Empty;
        foreach (var variable in variables)
        {
            if (variable.StartsWith(prefix, StringComparison.Ordinal))
            {
                value = variable[prefix.Length..];
            }
        }

        return value;
    }
}
