namespace Velox.Host.Doctor;

/// <summary>
/// What a plan asks of the kernel: boot-line tokens and sysctls, in the fixed order shared with
/// plan_cmdline_tokens and plan_sysctls in tuning/lib/plan.sh (and so with generate.sh and check.sh).
/// </summary>
public static class TuningTargets
{
    /// <summary>The sysctl keys and values of /etc/sysctl.d/90-velox.conf.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Sysctls { get; } =
    [
        new("net.core.busy_poll", "50"),
        new("net.core.busy_read", "50"),
        new("kernel.sched_rt_runtime_us", "-1"),
        new("kernel.numa_balancing", "0"),
        new("kernel.timer_migration", "0"),
        new("kernel.watchdog", "0"),
        new("kernel.nmi_watchdog", "0"),
        new("vm.stat_interval", "10"),
        new("vm.swappiness", "0"),
    ];

    /// <summary>The boot-line tokens the plan asks for ("key=value" or a bare flag).</summary>
    public static IReadOnlyList<string> CmdlineTokens(CpuPlan plan)
    {
        var tokens = new List<string>();
        if (plan.UsesIsolcpus)
        {
            tokens.Add($"isolcpus=managed_irq,domain,{plan.Isolated}");
        }

        if (plan.UsesNohz)
        {
            tokens.Add($"nohz_full={plan.Isolated}");
            tokens.Add($"rcu_nocbs={plan.Isolated}");
        }

        tokens.Add($"irqaffinity={plan.Housekeeping}");
        tokens.Add($"intel_idle.max_cstate={plan.IntelIdleMaxCstate}");
        tokens.Add($"processor.max_cstate={plan.ProcessorMaxCstate}");
        tokens.Add("transparent_hugepage=never");
        tokens.Add("skew_tick=1");
        tokens.Add("tsc=reliable");
        tokens.Add("nosoftlockup");
        tokens.Add("nowatchdog");
        if (plan.SmtOff)
        {
            tokens.Add("nosmt");
        }

        return tokens;
    }
}
