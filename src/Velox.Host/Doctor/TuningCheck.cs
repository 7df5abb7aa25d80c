namespace Velox.Host.Doctor;

/// <summary>
/// Evaluates every knob of a plan against a machine, in the order tuning/check.sh prints them. Adding a
/// knob here means adding it to check.sh too; the parity test runs both on the same fake tree.
/// </summary>
public static class TuningCheck
{
    /// <summary>One row per knob; reads only.</summary>
    public static IReadOnlyList<KnobResult> Evaluate(CpuPlan plan, SystemView view)
    {
        var rows = new List<KnobResult>();
        CmdlineCheck.Evaluate(plan, view, rows);
        if (plan.UsesIsolcpus)
        {
            rows.Add(SystemCheck.CpuListFile(view, "cpu.isolated", "/sys/devices/system/cpu/isolated", plan.Isolated));
        }

        if (plan.UsesNohz)
        {
            rows.Add(SystemCheck.CpuListFile(view, "cpu.nohz_full", "/sys/devices/system/cpu/nohz_full", plan.Isolated));
        }

        SystemCheck.Governors(plan, view, rows);
        rows.Add(SystemCheck.TransparentHugePages(view));
        SystemCheck.Sysctls(view, rows);
        rows.Add(SystemCheck.Swap(view));
        rows.Add(IrqCheck.DefaultAffinity(plan, view));
        rows.Add(IrqCheck.Affinity(plan, view));
        rows.Add(IrqCheck.Irqbalance(plan, view));
        rows.Add(SystemCheck.Value(view, "clocksource", "/sys/devices/system/clocksource/clocksource0/current_clocksource", "tsc"));
        rows.Add(SystemCheck.InvariantTsc(view));
        if (plan.SmtOff)
        {
            rows.Add(SystemCheck.Value(view, "cpu.smt_active", "/sys/devices/system/cpu/smt/active", "0"));
        }

        rows.Add(SystemCheck.Value(view, "idle.intel_idle.max_cstate", "/sys/module/intel_idle/parameters/max_cstate", Invariant(plan.IntelIdleMaxCstate)));
        rows.Add(SystemCheck.Value(view, "idle.processor.max_cstate", "/sys/module/processor/parameters/max_cstate", Invariant(plan.ProcessorMaxCstate)));
        return rows;
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
