using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Velox.Perf;

/// <summary>What numbers were measured on, read from /proc and /sys (Linux; other systems get "unknown" or "n/a").</summary>
internal static class HostFacts
{
    public static string LoadAverage() => FirstLine("/proc/loadavg") is { } line ? string.Join(' ', line.Split(' ').Take(3)) : "unknown";

    public static string Kernel() => FirstLine("/proc/sys/kernel/osrelease") ?? RuntimeInformation.OSDescription;

    public static string Governor() => FirstLine("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor") ?? "n/a (no cpufreq in /sys)";

    public static string IsolatedCores() => FirstLine("/sys/devices/system/cpu/isolated") is { Length: > 0 } isolated ? isolated : "none";

    /// <summary>The runtime and whether this process is Native AOT (a JIT run is hosted by the dotnet executable or an apphost beside a .dll).</summary>
    public static string Runtime() => $"{RuntimeInformation.FrameworkDescription} ({(IsNativeAot() ? "Native AOT" : "JIT")})";

    public static bool IsNativeAot() =>
        Environment.ProcessPath is { } path
        && !string.Equals(Path.GetFileNameWithoutExtension(path), "dotnet", StringComparison.Ordinal)
        && !File.Exists(path + ".dll");

    public static string CpuModel()
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux: fall through.
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>"&lt;commit&gt;" or "&lt;commit&gt; (uncommitted changes)"; "unknown (...)" when git cannot say.</summary>
    public static string GitCommit(string repository)
    {
        var head = Git(repository, "rev-parse HEAD");
        if (head is null)
        {
            return "unknown (git not available)";
        }

        var status = Git(repository, "status --porcelain --untracked-files=no");
        return string.IsNullOrEmpty(status) ? head : $"{head} (uncommitted changes)";
    }

    public static string? FirstLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Git(string repository, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", $"-C \"{repository}\" {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.StandardError.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
