using Velox.Host.Doctor;

namespace Velox.Integration.Tests.Doctor;

public class TuningCheckTests
{
    private static readonly CpuPlan Plan = CpuPlan.Defaults;

    private static KnobResult Knob(FakeSystem fake, string name) =>
        TuningCheck.Evaluate(Plan, fake.View).Single(row => row.Name == name);

    [Test]
    public void Tuned_machine_has_every_knob_ok()
    {
        using var fake = FakeSystem.Tuned(Plan);
        var rows = TuningCheck.Evaluate(Plan, fake.View);
        Assert.That(rows.Where(row => row.Status != KnobStatus.Ok), Is.Empty);
        Assert.That(rows.Select(row => row.Name), Is.Unique);
        Assert.That(rows.Count(row => row.Name.EndsWith(".governor", StringComparison.Ordinal)), Is.EqualTo(16));
    }

    [Test]
    public void Empty_tree_is_all_unknown_except_what_absence_proves()
    {
        using var fake = new FakeSystem();
        var rows = TuningCheck.Evaluate(Plan, fake.View);
        Assert.That(rows.Where(row => row.Status != KnobStatus.Unknown), Is.Empty);
        Assert.That(rows.All(row => row.Actual.Length > 0), Is.True);
    }

    [Test]
    public void Knob_list_follows_the_plan_choices()
    {
        var plan = Plans.Parse("H=0\nI=1\nMD_CPU=1\nENGINE_CPU=none\nOG_CPU=none\nARCHIVER_CPU=none\nISOLATION=nohz\nSMT=on\n");
        using var fake = new FakeSystem();
        var names = TuningCheck.Evaluate(plan, fake.View).Select(row => row.Name).ToList();
        Assert.That(names, Does.Contain("cmdline.nohz_full").And.Contain("cpu.nohz_full").And.Contain("cpu1.governor"));
        Assert.That(names, Does.Not.Contain("cmdline.isolcpus").And.Not.Contain("cpu.isolated").And.Not.Contain("cmdline.nosmt").And.Not.Contain("cpu.smt_active"));
    }

    [Test]
    public void Missing_boot_token_and_wrong_value_drift()
    {
        using var fake = FakeSystem.Tuned(Plan);
        fake.Write("/proc/cmdline", "root=/dev/sda1 isolcpus=2-15 irqaffinity=0 nohz_full=2-15 quiet\n");
        Assert.Multiple(() =>
        {
            Assert.That(Knob(fake, "cmdline.isolcpus").Status, Is.EqualTo(KnobStatus.Drift));
            Assert.That(Knob(fake, "cmdline.isolcpus").Actual, Is.EqualTo("isolcpus=2-15"));
            Assert.That(Knob(fake, "cmdline.irqaffinity").Status, Is.EqualTo(KnobStatus.Drift));
            Assert.That(Knob(fake, "cmdline.nohz_full").Status, Is.EqualTo(KnobStatus.Ok));
            Assert.That(Knob(fake, "cmdline.nosoftlockup").Actual, Is.EqualTo("absent"));
            Assert.That(Knob(fake, "cmdline.nosoftlockup").Status, Is.EqualTo(KnobStatus.Drift));
        });
    }

    [Test]
    public void Boot_cpu_lists_compare_as_sets_and_init_arguments_are_ignored()
    {
        using var fake = FakeSystem.Tuned(Plan);
        var tokens = TuningTargets.CmdlineTokens(Plan)
            .Select(t => t.StartsWith("isolcpus=", StringComparison.Ordinal) ? "isolcpus=domain,managed_irq,2,3,4-15" : t)
            .Where(t => t != "nosmt");
        fake.Write("/proc/cmdline", string.Join(' ', tokens) + " -- nosmt\n");
        Assert.Multiple(() =>
        {
            Assert.That(Knob(fake, "cmdline.isolcpus").Status, Is.EqualTo(KnobStatus.Ok));
            Assert.That(Knob(fake, "cmdline.nosmt").Status, Is.EqualTo(KnobStatus.Drift));
        });
    }

    [Test]
    public void Later_boot_parameter_wins()
    {
        using var fake = FakeSystem.Tuned(Plan);
        fake.Write("/proc/cmdline", string.Join(' ', TuningTargets.CmdlineTokens(Plan)) + " transparent_hugepage=always\n");
        Assert.That(Knob(fake, "cmdline.transparent_hugepage").Actual, Is.EqualTo("transparent_hugepage=always"));
    }

    [Test]
    public void Sysfs_and_sysctl_values_drift_or_are_unknown()
    {
        using var fake = FakeSystem.Tuned(Plan);
        fake.Write("/proc/sys/kernel/sched_rt_runtime_us", "950000\n");
        fake.Write("/sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never\n");
        fake.Write("/sys/devices/system/cpu/isolated", "\n");
        fake.Write("/sys/devices/system/cpu/nohz_full", "(null)\n");
        fake.Write("/proc/swaps", "Filename\tType\tSize\tUsed\tPriority\n/dev/sda2 partition 1000 0 -2\n");
        fake.Delete("/sys/devices/system/cpu/cpu7/cpufreq/scaling_governor");
        fake.Write("/sys/devices/system/cpu/cpu3/cpufreq/scaling_governor", "powersave\n");
        Assert.Multiple(() =>
        {
            Assert.That(Knob(fake, "sysctl.kernel.sched_rt_runtime_us"), Is.EqualTo(new KnobResult("sysctl.kernel.sched_rt_runtime_us", "-1", "950000", KnobStatus.Drift)));
            Assert.That(Knob(fake, "mm.transparent_hugepage").Actual, Is.EqualTo("always"));
            Assert.That(Knob(fake, "cpu.isolated"), Is.EqualTo(new KnobResult("cpu.isolated", "2-15", "(empty)", KnobStatus.Drift)));
            Assert.That(Knob(fake, "cpu.nohz_full").Status, Is.EqualTo(KnobStatus.Drift));
            Assert.That(Knob(fake, "swap"), Is.EqualTo(new KnobResult("swap", "none", "/dev/sda2", KnobStatus.Drift)));
            Assert.That(Knob(fake, "cpu7.governor").Status, Is.EqualTo(KnobStatus.Unknown));
            Assert.That(Knob(fake, "cpu3.governor").Status, Is.EqualTo(KnobStatus.Drift));
        });
    }

    [Test]
    public void Irq_on_an_isolated_cpu_drifts_and_is_named()
    {
        using var fake = FakeSystem.Tuned(Plan);
        fake.Irq(40, "0-15", "5");
        fake.Irq(33, "2", "");
        fake.Write("/proc/irq/default_smp_affinity", "ffff\n");
        Assert.Multiple(() =>
        {
            Assert.That(Knob(fake, "irq.affinity"), Is.EqualTo(new KnobResult("irq.affinity", "within 0-1", "2 of 4 outside: 33,40", KnobStatus.Drift)));
            Assert.That(Knob(fake, "irq.default_affinity").Actual, Is.EqualTo("0-15"));
            Assert.That(Knob(fake, "irq.default_affinity").Status, Is.EqualTo(KnobStatus.Drift));
        });
    }

    [TestCase(null, "running, environment unreadable", KnobStatus.Unknown)]
    [TestCase("PATH=/bin\0", "running, banned nothing", KnobStatus.Drift)]
    [TestCase("IRQBALANCE_BANNED_CPULIST=2-7\0", "running, banned 2-7", KnobStatus.Drift)]
    [TestCase("IRQBALANCE_BANNED_CPULIST=2-15\0", "running, banned 2-15", KnobStatus.Ok)]
    [TestCase("IRQBALANCE_BANNED_CPUS=0000fffc\0", "running, banned 2-15", KnobStatus.Ok)]
    public void Running_irqbalance_must_ban_the_isolated_cpus(string? environ, string actual, KnobStatus status)
    {
        using var fake = FakeSystem.Tuned(Plan);
        fake.Write("/proc/812/comm", "irqbalance\n");
        if (environ is not null)
        {
            fake.Write("/proc/812/environ", environ);
        }

        Assert.That(Knob(fake, "irqbalance"), Is.EqualTo(new KnobResult("irqbalance", "stopped or banned 2-15", actual, status)));
    }

    [Test]
    public void Missing_invariant_tsc_flag_drifts()
    {
        using var fake = FakeSystem.Tuned(Plan);
        fake.Write("/proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu tsc constant_tsc\n");
        Assert.That(Knob(fake, "cpu.invariant_tsc"), Is.EqualTo(new KnobResult("cpu.invariant_tsc", "constant_tsc,nonstop_tsc", "constant_tsc", KnobStatus.Drift)));
    }
}
