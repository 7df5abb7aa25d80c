using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Velox.Host.Doctor;

/// <summary>
/// Facts about the machine and this process that decide what Velox can do here: CPU, kernel, runtime,
/// and whether the process may lock memory (mlockall) and use SCHED_FIFO (from /proc/self limits and capabilities).
/// </summary>
public sealed class EnvironmentFacts
{
    private const int CapIpcLock = 14;
    private const int CapSysNice = 23;

    public required string CpuModel { get; init; }

    /// <summary>Online CPUs (/sys/devices/system/cpu/online), or the runtime's count when unreadable.</summary>
    public required int Cpus { get; init; }

    public required string Kernel { get; init; }

    public required string Runtime { get; init; }

    /// <summary>Soft RLIMIT_MEMLOCK as /proc/self/limits shows it ("unlimited" or bytes), or "unknown".</summary>
    public required string MemlockLimit { get; init; }

    /// <summary>Soft RLIMIT_RTPRIO as /proc/self/limits shows it, or "unknown".</summary>
    public required string RtprioLimit { get; init; }

    /// <summary>True when mlockall of everything can succeed: unlimited RLIMIT_MEMLOCK or CAP_IPC_LOCK.</summary>
    public required bool MayLockMemory { get; init; }

    /// <summary>True when SCHED_FIFO is allowed: RLIMIT_RTPRIO above 0 or CAP_SYS_NICE.</summary>
    public required bool MaySetFifo { get; init; }

    /// <summary>Reads the facts through <paramref name="view"/>; anything unreadable becomes "unknown".</summary>
    public static EnvironmentFacts Read(SystemView view)
    {
        var memlock = Limit(view, "Max locked memory");
        var rtprio = Limit(view, "Max realtime priority");
        var capabilities = EffectiveCapabilities(view);
        return new EnvironmentFacts
        {
            CpuModel = CpuModelOf(view),
            Cpus = view.TryRead("/sys/devices/system/cpu/online", out var online) && CpuSet.TryParse(online, out var set) && !set.IsEmpty
                ? set.Cpus.Count
                : Environment.ProcessorCount,
            Kernel = view.TryRead("/proc/sys/kernel/osrelease", out var release) ? release : "unknown",
            Runtime = RuntimeInformation.FrameworkDescription + (RuntimeFeature.IsDynamicCodeSupported ? " (JIT)" : " (Native AOT)"),
            MemlockLimit = memlock,
            RtprioLimit = rtprio,
            MayLockMemory = memlock == "unlimited" || HasCapability(capabilities, CapIpcLock),
            MaySetFifo = (int.TryParse(rtprio, NumberStyles.None, CultureInfo.InvariantCulture, out var prio) && prio > 0) ||
                HasCapability(capabilities, CapSysNice),
        };
    }

    private static string CpuModelOf(SystemView view)
    {
        if (!view.TryReadRaw("/proc/cpuinfo", out var cpuinfo))
        {
            return "unknown";
        }

        var line = cpuinfo.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        var colon = line?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon >= 0 ? line![(colon + 1)..].Trim() : "unknown";
    }

    /// <summary>The soft-limit column of one /proc/self/limits row.</summary>
    private static string Limit(SystemView view, string rowName)
    {
        if (!view.TryReadRaw("/proc/self/limits", out var limits))
        {
            return "unknown";
        }

        var row = limits.Split('\n').FirstOrDefault(l => l.StartsWith(rowName, StringComparison.Ordinal));
        var fields = row?[rowName.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 0 } ? fields[0] : "unknown";
    }

    private static ulong EffectiveCapabilities(SystemView view)
    {
        if (!view.TryReadRaw("/proc/self/status", out var status))
        {
            return 0;
        }

        var row = status.Split('\n').FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        return row is not null && ulong.TryParse(row["CapEff:".Length..].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var caps)
            ? caps
            : 0;
    }

    private static bool HasCapability(ulong capabilities, int capability) => (capabilities >> capability & 1) != 0;
}
