using System.Runtime.InteropServices;

namespace Velox.PeerBench.Report;

/// <summary>What the numbers were measured on: CPU, cores, kernel, governor, isolated cores, load.</summary>
public sealed record MachineFacts(
    string CpuModel,
    int LogicalCores,
    string Kernel,
    string Governor,
    string IsolatedCores,
    string LoadAverageStart,
    string LoadAverageEnd,
    string Runtime,
    bool NativeAot,
    string Node)
{
    public static string ReadLoadAverage() => ReadFirstLine("/proc/loadavg") is { } line ? string.Join(' ', line.Split(' ').Take(3)) : "unknown";

    public static MachineFacts Collect(string loadAtStart, string nodeVersion) => new(
        ReadCpuModel(),
        Environment.ProcessorCount,
        ReadFirstLine("/proc/sys/kernel/osrelease") ?? RuntimeInformation.OSDescription,
        ReadFirstLine("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor") ?? "n/a (no cpufreq in /sys)",
        ReadFirstLine("/sys/devices/system/cpu/isolated") is { Length: > 0 } isolated ? isolated : "none",
        loadAtStart,
        ReadLoadAverage(),
        RuntimeInformation.FrameworkDescription,
        IsNativeAot(),
        nodeVersion);

    /// <summary>A JIT run is hosted by the dotnet executable; PublishAot projects report no dynamic code even under JIT.</summary>
    private static bool IsNativeAot() =>
        !string.Equals(Path.GetFileNameWithoutExtension(Environment.ProcessPath), "dotnet", StringComparison.Ordinal);

    private static string ReadCpuModel()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
            // Not Linux: fall through.
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string? ReadFirstLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
