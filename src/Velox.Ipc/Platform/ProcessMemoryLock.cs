using System.Globalization;
using System.Runtime.InteropServices;

namespace Velox.Ipc.Platform;

/// <summary>
/// mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) for the whole process. Refused up front (with a warning)
/// when the process may not lock unlimited memory: with MCL_FUTURE under a small RLIMIT_MEMLOCK every later
/// mmap — including the GC's — would fail, which is far worse than not locking.
/// </summary>
public static unsafe partial class ProcessMemoryLock
{
    /// <summary>MCL_CURRENT.</summary>
    public const int LockCurrent = 1;

    /// <summary>MCL_FUTURE.</summary>
    public const int LockFuture = 2;

    /// <summary>MCL_ONFAULT: lock pages as they are touched instead of populating the GC's reservation.</summary>
    public const int LockOnFault = 4;

    private const int RlimitMemlock = 8;
    private const int CapIpcLock = 14;

    /// <summary>Locks the process memory; null when done, otherwise why it was skipped.</summary>
    public static string? TryLockAll()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "mlockall skipped: not Linux";
        }

        Rlimit limit;
        if (GetRlimit(RlimitMemlock, &limit) != 0)
        {
            return $"mlockall skipped: getrlimit(RLIMIT_MEMLOCK) failed, errno {Marshal.GetLastPInvokeError()}";
        }

        var refusal = CheckPermission(limit.Current, HasIpcLockCapability());
        if (refusal is not null)
        {
            return refusal;
        }

        if (MLockAll(LockCurrent | LockFuture | LockOnFault) != 0)
        {
            return $"mlockall(MCL_CURRENT|MCL_FUTURE|MCL_ONFAULT) failed: {ThreadScheduling.Describe(Marshal.GetLastPInvokeError())}";
        }

        return null;
    }

    /// <summary>Null when locking all memory is safe for this soft RLIMIT_MEMLOCK and capability, otherwise the warning.</summary>
    public static string? CheckPermission(ulong memlockSoftLimit, bool hasIpcLock) =>
        hasIpcLock || memlockSoftLimit == ulong.MaxValue
            ? null
            : $"mlockall skipped: RLIMIT_MEMLOCK is {memlockSoftLimit} bytes and CAP_IPC_LOCK is missing " +
              "(set LimitMEMLOCK=infinity or AmbientCapabilities=CAP_IPC_LOCK)";

    private static bool HasIpcLockCapability()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("CapEff:", StringComparison.Ordinal))
                {
                    var mask = ulong.Parse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    return (mask & (1UL << CapIpcLock)) != 0;
                }
            }
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return false;
        }

        return false;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRlimit(int resource, Rlimit* limit);

    [LibraryImport("libc", EntryPoint = "mlockall", SetLastError = true)]
    private static partial int MLockAll(int flags);

    private struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
