using System.Diagnostics;
using Velox.Host.Cli;
using Velox.Testing;

namespace Velox.Host.Tests.Config;

/// <summary>
/// The published Native AOT binary (VELOX_AOT_BINARY, set by ./build.sh test) runs `config check/show`: proof that
/// the source-generated JSON path works without reflection. Inconclusive without the binary.
/// </summary>
public class AotConfigTests
{
    private ConfigFixture _files = null!;

    [SetUp]
    public void SetUp() => _files = new ConfigFixture();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void Native_check_of_a_bad_file_prints_every_problem_and_exits_2()
    {
        var binary = RequireBinary();
        var path = _files.Write("""
            { "mode": "yolo", "strategy": { "mm": { "spredBps": 3 } }, "risk": { "maxPosition": "-1" }, "cpus": { "md": 0 } }
            """);

        var (code, output, error) = Run(binary, "config", "check", "--config", path);

        Assert.That(code, Is.EqualTo(ExitCodes.Usage), error);
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("4 problems"));
        Assert.That(error, Does.Contain("$.mode: expected one of dry-run, paper, live, got string \"yolo\""));
        Assert.That(error, Does.Contain("$.strategy.mm.spredBps: unknown key (did you mean spreadBps?)"));
        Assert.That(error, Does.Contain("risk.maxPosition: must be > 0, got \"-1\""));
        Assert.That(error, Does.Contain("cpus.md: CPU 0 is a housekeeping CPU"));
    }

    [Test]
    public void Native_check_and_show_accept_the_example_file()
    {
        var binary = RequireBinary();
        var example = Path.Combine(SharedData.RepositoryRoot, "config", "velox.example.json");

        var check = Run(binary, "config", "check", "--config", example);
        var show = Run(binary, "config", "show", "--config", example);

        Assert.That(check.Code, Is.EqualTo(ExitCodes.Ok), check.Error);
        Assert.That(check.Output, Does.StartWith("config ok"));
        Assert.That(show.Code, Is.EqualTo(ExitCodes.Ok), show.Error);
        Assert.That(show.Output, Does.Contain("\"size\": \"0.01\"").And.Contain("\"mode\": \"paper\""));
    }

    private static string RequireBinary()
    {
        var path = Environment.GetEnvironmentVariable("VELOX_AOT_BINARY");
        if (string.IsNullOrEmpty(path))
        {
            Assert.Inconclusive("VELOX_AOT_BINARY is not set: run through ./build.sh test, which publishes the native binary first");
        }

        Assert.That(File.Exists(path), Is.True, $"VELOX_AOT_BINARY points to a missing file: {path}");
        return path!;
    }

    private static (int Code, string Output, string Error) Run(string binary, params string[] args)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The child sees only the variables the test chooses, not the runner's VELOX_ settings.
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("VELOX_", StringComparison.Ordinal))
            {
                start.Environment.Remove(name);
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{binary} {string.Join(' ', args)} did not finish within 60 s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
