using System.Diagnostics;
using Velox.Testing;

namespace Velox.Integration.Tests.Native;

/// <summary>
/// Runs native/build.sh: publishes libvelox.so (or takes VELOX_NATIVE_LIB), compiles the C smoke test
/// with gcc and runs it on a recorded Bitfinex stream through the C ABI.
/// </summary>
public sealed class NativeSmokeTests
{
    private const string Frames = "bitfinex/derived/bfx-api-go_checksum_vector_tXRPBTC.jsonl";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    [Test]
    public void SmokeTestPassesThroughTheCAbi()
    {
        var frames = RequireShared.File(Frames);
        if (!File.Exists("/bin/bash"))
        {
            Assert.Inconclusive("/bin/bash not found: native/build.sh needs it");
        }

        var (exit, output, error) = RunBuildScript(frames);

        var skipped = output.Split('\n').FirstOrDefault(line => line.StartsWith("native: skipped:", StringComparison.Ordinal));
        if (skipped is not null)
        {
            Assert.Inconclusive(skipped);
        }

        Assert.That(exit, Is.Zero, $"native/build.sh failed (exit {exit}):\n{output}\n{error}");
        Assert.That(output, Does.Contain("smoke: ok"));
    }

    private static (int Exit, string Output, string Error) RunBuildScript(string frames)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(SharedData.RepositoryRoot, "native", "build.sh"));
        start.ArgumentList.Add(frames);

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"native/build.sh did not finish within {Timeout.TotalMinutes} minutes");
        }

        return (process.ExitCode, output, error.Result);
    }
}
