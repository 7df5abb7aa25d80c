using Velox.Host.Doctor;

namespace Velox.Integration.Tests.Doctor;

/// <summary>check.sh and velox doctor must print the same knobs, values and statuses for the same tree.</summary>
public class ParityTests
{
    private static void AssertSameRows(CpuPlan plan, string planText, FakeSystem fake)
    {
        var planPath = Path.Combine(fake.Root, "plan.env");
        File.WriteAllText(planPath, planText);
        var (exit, output, error) = TuningScript.Run("check.sh", "--plan", planPath, "--root", fake.Root);
        var scriptLines = output.TrimEnd('\n').Split('\n');
        var rows = TuningCheck.Evaluate(plan, fake.View);
        string[] doctorLines = [DoctorTable.Header, .. rows.Select(DoctorTable.FormatRow), DoctorSummary.ToJson(rows, "x", null)];
        Assert.That(error, Is.Empty);
        Assert.That(scriptLines[..^1], Is.EqualTo(doctorLines[..^1]));
        var json = doctorLines[^1];
        Assert.That(json, Does.StartWith(scriptLines[^1].TrimEnd('}') + ","));
        Assert.That(exit, Is.EqualTo(DoctorSummary.Count(rows).Drift == 0 ? 0 : 1));
    }

    [Test]
    public void Tuned_tree_gives_identical_rows()
    {
        using var fake = FakeSystem.Tuned(CpuPlan.Defaults);
        AssertSameRows(CpuPlan.Defaults, File.ReadAllText(Path.Combine(Velox.Testing.SharedData.RepositoryRoot, "tuning", "cpus.env")), fake);
    }

    [Test]
    public void Drifted_tree_gives_identical_rows()
    {
        using var fake = FakeSystem.Tuned(CpuPlan.Defaults);
        fake.Write("/proc/cmdline", "root=/dev/sda1 isolcpus=domain,managed_irq,2,3-15 irqaffinity=0 quiet -- nosmt\n");
        fake.Write("/sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never\n");
        fake.Write("/proc/sys/vm/swappiness", "60\n");
        fake.Write("/sys/devices/system/cpu/nohz_full", "(null)\n");
        fake.Write("/proc/swaps", "Filename\tType\tSize\tUsed\tPriority\n/dev/sda2 partition 1000 0 -2\n/swapfile file 10 0 -3\n");
        fake.Write("/proc/irq/default_smp_affinity", "ffff\n");
        fake.Irq(40, "0-15", "5");
        fake.Irq(33, "2", "");
        fake.Write("/proc/812/comm", "irqbalance\n");
        fake.Write("/proc/812/environ", "PATH=/bin\0IRQBALANCE_BANNED_CPUS=0000fc\0");
        fake.Write("/proc/cpuinfo", "flags\t: fpu nonstop_tsc\n");
        fake.Delete("/sys/devices/system/cpu/cpu9/cpufreq/scaling_governor");
        fake.Delete("/sys/module/processor/parameters/max_cstate");
        AssertSameRows(CpuPlan.Defaults, File.ReadAllText(Path.Combine(Velox.Testing.SharedData.RepositoryRoot, "tuning", "cpus.env")), fake);
    }

    [Test]
    public void Two_core_nohz_plan_on_an_empty_tree_gives_identical_rows()
    {
        const string Text = "H=0\nI=1\nMD_CPU=1\nENGINE_CPU=none\nOG_CPU=none\nARCHIVER_CPU=none\nISOLATION=nohz\nSMT=on\n";
        var plan = Plans.Parse(Text);
        using var fake = new FakeSystem();
        AssertSameRows(plan, Text, fake);
    }
}
