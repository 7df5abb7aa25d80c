using System.Runtime.InteropServices;

namespace Velox.Ipc.Platform;

/// <summary>
/// Per-thread scheduling through libc (AOT-safe [LibraryImport]): affinity and policy apply to the
/// calling thread only (pid 0), which is why runners call these from inside their own thread.
/// Failures are returned as errno values, never thrown.
/// </summary>
public static unsafe partial class ThreadScheduling
{
    /// <summary>Linux SCHED_OTHER.</summary>
    public const int SchedOther = 0;

    /// <summary>Linux SCHED_FIFO.</summary>
    public const int SchedFifo = 1;

    /// <summary>Linux SCHED_RR.</summary>
    public const int SchedRoundRobin = 2;

    /// <summary>errno ENOSYS, returned on platforms without these calls.</summary>
    public const int NotSupported = 38;

    /// <summary>errno EINVAL.</summary>
    public const int InvalidArgument = 22;

    /// <summary>Largest CPU number + 1 the masks cover (glibc's CPU_SETSIZE).</summary>
    public const int MaxCpus = 1024;

    private const int MaskWords = MaxCpus / 64;
    private const int NanosPerSecond = 1_000_000_000;

    /// <summary>Kernel thread id of the calling thread (the tid in /proc/self/task).</summary>
    public static int CurrentThreadId() => OperatingSystem.IsLinux() ? GetTid() : Environment.CurrentManagedThreadId;

    /// <summary>Pins the calling thread to one CPU; 0 or the errno.</summary>
    public static int PinCurrentThread(int cpu) => SetCurrentThreadAffinity([cpu]);

    /// <summary>
    /// Restricts the calling thread to <paramref name="cpus"/>; 0 or the errno. Threads it creates later inherit the mask
    /// under Native AOT (pthread_create); the JIT runtime gives a new thread the process's mask.
    /// </summary>
    public static int SetCurrentThreadAffinity(ReadOnlySpan<int> cpus)
    {
        if (!OperatingSystem.IsLinux())
        {
            return NotSupported;
        }

        var mask = stackalloc ulong[MaskWords];
        new Span<ulong>(mask, MaskWords).Clear();
        foreach (var cpu in cpus)
        {
            if ((uint)cpu >= MaxCpus)
            {
                return InvalidArgument;
            }

            mask[cpu >> 6] |= 1UL << (cpu & 63);
        }

        return cpus.IsEmpty ? InvalidArgument : SchedSetAffinity(0, MaskWords * sizeof(ulong), mask) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>The CPUs the calling thread may run on (cold path: allocates the result).</summary>
    public static int[] CurrentThreadAffinity()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var mask = stackalloc ulong[MaskWords];
        if (SchedGetAffinity(0, MaskWords * sizeof(ulong), mask) != 0)
        {
            return [];
        }

        var cpus = new List<int>();
        for (var cpu = 0; cpu < MaxCpus; cpu++)
        {
            if ((mask[cpu >> 6] & (1UL << (cpu & 63))) != 0)
            {
                cpus.Add(cpu);
            }
        }

        return [.. cpus];
    }

    /// <summary>Switches the calling thread to SCHED_FIFO at <paramref name="priority"/> (1..99); 0 or the errno.</summary>
    public static int SetCurrentThreadFifo(int priority)
    {
        if (!OperatingSystem.IsLinux())
        {
            return NotSupported;
        }

        var param = priority;
        return SchedSetScheduler(0, SchedFifo, &param) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Scheduling policy of the calling thread (<see cref="SchedOther"/>, <see cref="SchedFifo"/>, ...), or −1.</summary>
    public static int CurrentThreadPolicy() => OperatingSystem.IsLinux() ? SchedGetScheduler(0) : -1;

    /// <summary>Sleeps the calling thread; nanosleep because Thread.Sleep rounds to milliseconds.</summary>
    public static void SleepNanos(long nanos)
    {
        if (!OperatingSystem.IsLinux())
        {
            Thread.Sleep(TimeSpan.FromTicks(Math.Max(1, nanos / 100)));
            return;
        }

        var request = new Timespec { Seconds = nanos / NanosPerSecond, Nanoseconds = nanos % NanosPerSecond };
        NanoSleep(&request, null);
    }

    /// <summary>Text for an errno value as returned by the methods above.</summary>
    public static string Describe(int errno) => errno switch
    {
        1 => "EPERM (operation not permitted)",
        3 => "ESRCH (no such thread)",
        12 => "ENOMEM (limit exceeded)",
        InvalidArgument => "EINVAL (invalid argument: CPU or priority out of range or not allowed)",
        NotSupported => "ENOSYS (not supported on this platform)",
        _ => $"errno {errno}",
    };

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nint cpuSetSize, ulong* mask);

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static partial int SchedGetAffinity(int pid, nint cpuSetSize, ulong* mask);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, int* param);

    [LibraryImport("libc", EntryPoint = "sched_getscheduler", SetLastError = true)]
    private static partial int SchedGetScheduler(int pid);

    [LibraryImport("libc", EntryPoint = "nanosleep", SetLastError = true)]
    private static partial int NanoSleep(Timespec* request, Timespec* remaining);

    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
