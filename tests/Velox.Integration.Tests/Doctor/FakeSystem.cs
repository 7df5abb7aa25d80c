using Velox.Host.Doctor;

namespace Velox.Integration.Tests.Doctor;

/// <summary>A fake /proc, /sys tree in a temp folder, tuned to a plan unless a test changes a file.</summary>
public sealed class FakeSystem : IDisposable
{
    public FakeSystem() => Root = Directory.CreateTempSubdirectory("velox-doctor-").FullName;

    public string Root { get; }

    public SystemView View => new(Root);

    /// <summary>Writes every file a fully tuned machine would show for <paramref name="plan"/>.</summary>
    public static FakeSystem Tuned(CpuPlan plan)
    {
        var fake = new FakeSystem();
        fake.Write("/proc/cmdline", "BOOT_IMAGE=/vmlinuz root=/dev/sda1 " + string.Join(' ', TuningTargets.CmdlineTokens(plan)) + " quiet\n");
        fake.Write("/sys/devices/system/cpu/isolated", plan.Isolated + "\n");
        fake.Write("/sys/devices/system/cpu/nohz_full", plan.Isolated + "\n");
        fake.Write("/sys/devices/system/cpu/online", plan.AllCpus + "\n");
        foreach (var cpu in plan.AllCpus.Cpus)
        {
            fake.Write($"/sys/devices/system/cpu/cpu{cpu}/cpufreq/scaling_governor", plan.Governor + "\n");
        }

        fake.Write("/sys/kernel/mm/transparent_hugepage/enabled", "always madvise [never]\n");
        foreach (var (key, value) in TuningTargets.Sysctls)
        {
            fake.Write("/proc/sys/" + key.Replace('.', '/'), value + "\n");
        }

        fake.Write("/proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
        fake.Write("/proc/irq/default_smp_affinity", "00000000,00000003\n");
        fake.Irq(24, "0-1", "0");
        fake.Irq(25, "0-15", "1");
        fake.Write("/proc/1/comm", "systemd\n");
        fake.Write("/sys/devices/system/clocksource/clocksource0/current_clocksource", "tsc\n");
        fake.Write("/proc/cpuinfo", "processor\t: 0\nmodel name\t: Fake CPU @ 3.00GHz\nflags\t\t: fpu tsc constant_tsc nonstop_tsc\n\n");
        fake.Write("/sys/devices/system/cpu/smt/active", "0\n");
        fake.Write("/sys/module/intel_idle/parameters/max_cstate", $"{plan.IntelIdleMaxCstate}\n");
        fake.Write("/sys/module/processor/parameters/max_cstate", $"{plan.ProcessorMaxCstate}\n");
        fake.Write("/proc/sys/kernel/osrelease", "6.1.0-fake-amd64\n");
        fake.Write("/proc/self/limits", "Limit                     Soft Limit           Hard Limit           Units\nMax locked memory         unlimited            unlimited            bytes\nMax realtime priority     99                   99\n");
        fake.Write("/proc/self/status", "Name:\tvelox\nCapEff:\t0000000000000000\n");
        return fake;
    }

    public void Write(string absolutePath, string text)
    {
        var path = Root + absolutePath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Delete(string absolutePath) => File.Delete(Root + absolutePath);

    /// <summary>An IRQ folder with its configured and effective affinity.</summary>
    public void Irq(int irq, string smpAffinityList, string effectiveAffinityList)
    {
        Write($"/proc/irq/{irq}/smp_affinity_list", smpAffinityList + "\n");
        Write($"/proc/irq/{irq}/effective_affinity_list", effectiveAffinityList + "\n");
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
