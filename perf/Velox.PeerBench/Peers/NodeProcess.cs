using System.Diagnostics;

namespace Velox.PeerBench.Peers;

/// <summary>Finds node and the peers' folders, and runs node scripts we ship (perf/peers/*).</summary>
public static class NodeProcess
{
    /// <summary>perf/peers/&lt;name&gt; when its node_modules are installed; null with the reason otherwise.</summary>
    public static string? TryFindPeer(string repositoryRoot, string name, out string reason)
    {
        var folder = Path.Combine(repositoryRoot, "perf", "peers", name);
        if (FindNode() is null)
        {
            reason = "node is not on PATH";
            return null;
        }

        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            reason = $"{folder}/node_modules is missing: run perf/run-peers.sh (npm ci) first";
            return null;
        }

        reason = string.Empty;
        return folder;
    }

    public static string? FindNode()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "node");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Starts node on a script in <paramref name="folder"/> with stdout redirected.</summary>
    public static Process Start(string folder, string script, params string[] args)
    {
        var info = new ProcessStartInfo(FindNode() ?? "node")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start node {script}");
    }

    /// <summary>Runs a script to completion; returns its last stdout line. Throws with stderr when it fails.</summary>
    public static string RunToEnd(string folder, string script, TimeSpan timeout, params string[] args)
    {
        using var process = Start(folder, script, args);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish in {timeout}");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited {process.ExitCode}: {stderr.Result.Trim()}");
        }

        var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 0 ? lines[^1] : throw new InvalidOperationException($"node {script} printed nothing: {stderr.Result.Trim()}");
    }
}
