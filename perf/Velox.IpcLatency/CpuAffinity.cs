using System.Runtime.InteropServices;

namespace Velox.IpcLatency;

/// <summary>Pins the calling thread to one CPU with sched_setaffinity(0 = this thread).</summary>
internal static partial class CpuAffinity
{
    public static void PinCurrentThread(int cpu, string who)
    {
        if (cpu < 0)
        {
            return;
        }

        if (!OperatingSystem.IsLinux() || cpu >= Environment.ProcessorCount)
        {
            Console.Error.WriteLine($"warning: {who}: not pinned (cpu {cpu} unavailable)");
            return;
        }

        ulong mask = 1UL << cpu;
        if (SchedSetAffinity(0, sizeof(ulong), ref mask) != 0)
        {
            Console.Error.WriteLine($"warning: {who}: sched_setaffinity failed, errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nint cpuSetSize, ref ulong mask);
}
