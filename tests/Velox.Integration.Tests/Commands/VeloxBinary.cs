using System.Diagnostics;

namespace Velox.Integration.Tests.Commands;

/// <summary>
/// Runs the Native AOT velox binary that `./build.sh test` publishes (VELOX_AOT_BINARY). When the
/// variable is set the binary must exist; without it (a plain `dotnet test`) the AOT tests are Inconclusive.
/// </summary>
internal static class VeloxBinary
{
    public static string Require()
    {
        var path = Environment.GetEnvironmentVariable("VELOX_AOT_BINARY");
        if (string.IsNullOrEmpty(path))
        {
            Assert.Inconclusive("VELOX_AOT_BINARY is not set: run through ./build.sh test, which publishes the native binary first");
        }

        Assert.That(File.Exists(path), Is.True, $"VELOX_AOT_BINARY points to a missing file: {path}");
        return path!;
    }

    public static (int ExitCode, string Output, string Error) Run(string binary, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{binary} {string.Join(' ', args)} did not finish within {timeout}");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
