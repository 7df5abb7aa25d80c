using System.Diagnostics;
using Velox.Testing;

namespace Velox.Integration.Tests.Doctor;

/// <summary>Runs a script from tuning/ with bash; Inconclusive, with the reason, when bash is absent.</summary>
public static class TuningScript
{
    private static readonly string[] BashPaths = ["/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash"];

    public static (int Exit, string Output, string Error) Run(string script, params string[] args)
    {
        var bash = BashPaths.FirstOrDefault(File.Exists);
        if (bash is null)
        {
            Assert.Inconclusive("bash not found in /bin, /usr/bin or /usr/local/bin: the tuning scripts need it");
        }

        var start = new ProcessStartInfo(bash!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(SharedData.RepositoryRoot, "tuning", script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill();
            Assert.Fail($"{script} did not finish within 2 minutes");
        }

        return (process.ExitCode, output, error.Result);
    }
}
