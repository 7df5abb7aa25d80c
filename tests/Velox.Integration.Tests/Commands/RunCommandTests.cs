using System.Text.RegularExpressions;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Simulator.Faults;

namespace Velox.Integration.Tests.Commands;

[NonParallelizable]
public partial class RunCommandTests
{
    [Test]
    public void Short_run_prints_status_lines_and_a_clean_summary()
    {
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(4));
        using var output = new StringWriter();
        var code = RunCommand.Execute(new RunOptions { EventsPerSecond = 5_000 }, shutdown, output);
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        Assert.That(StatusLine().Matches(text), Has.Count.GreaterThanOrEqualTo(2), text);
        var summary = Summary().Match(text);
        Assert.That(summary.Success, Is.True, text);
        Assert.That(summary.Groups["inSync"].Value, Is.EqualTo("3/3"));
        Assert.That(long.Parse(summary.Groups["verified"].Value.Replace(",", string.Empty)), Is.GreaterThan(1000));
        Assert.That(summary.Groups["mismatches"].Value, Is.EqualTo("0"));
        Assert.That(summary.Groups["gaps"].Value, Is.EqualTo("0"));
    }

    [Test]
    public void Injected_faults_are_reported_and_recovered()
    {
        using var shutdown = new ShutdownSignal();
        // Faults at about 3 s and 6 s, then 2 s to recover before the stop at 8 s.
        shutdown.StopAfter(TimeSpan.FromSeconds(8));
        using var output = new StringWriter();
        var options = new RunOptions
        {
            EventsPerSecond = 5_000,
            Faults = [FaultKind.CorruptChecksum, FaultKind.DropFrame],
            FaultEvery = TimeSpan.FromSeconds(3),
        };
        var code = RunCommand.Execute(options, shutdown, output);
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        Assert.That(text, Does.Contain("injected fault: CorruptChecksum"));
        Assert.That(text, Does.Contain("injected fault: DropFrame"));
        var summary = Summary().Match(text);
        Assert.That(summary.Success, Is.True, text);
        Assert.That(summary.Groups["mismatches"].Value, Is.EqualTo("1"));
        Assert.That(summary.Groups["gaps"].Value, Is.EqualTo("1"));
        Assert.That(summary.Groups["inSync"].Value, Is.EqualTo("3/3"));
        Assert.That(text, Does.Contain("faults injected 2"));
    }

    [Test]
    public void Native_binary_runs_and_exits_cleanly()
    {
        var binary = VeloxBinary.Require();
        var (code, output, error) = VeloxBinary.Run(binary, TimeSpan.FromMinutes(1), "run", "--duration", "3", "--rate", "3000");
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error + output);
        var summary = Summary().Match(output);
        Assert.That(summary.Success, Is.True, output);
        Assert.That(summary.Groups["inSync"].Value, Is.EqualTo("3/3"));
        Assert.That(summary.Groups["mismatches"].Value, Is.EqualTo("0"));
    }

    [Test]
    public void Bad_options_exit_2()
    {
        Assert.That(RunCommand.Run(["--len", "7"]), Is.EqualTo(ExitCodes.Usage));
        Assert.That(RunCommand.Run(["--faults", "earthquake"]), Is.EqualTo(ExitCodes.Usage));
        Assert.That(RunCommand.Run(["--duration", "-1"]), Is.EqualTo(ExitCodes.Usage));
        Assert.That(RunCommand.Run(["--fault-every", "2"]), Is.EqualTo(ExitCodes.Usage));
    }

    [GeneratedRegex(@"^\[\s*\d+s\] .* msg/s \| books \d/\d in sync \| checksums [\d,]+ ok \d+ bad", RegexOptions.Multiline)]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"summary: .* books (?<inSync>\d/\d) in sync, checksums verified (?<verified>[\d,]+), mismatches (?<mismatches>\d+), gaps (?<gaps>\d+)")]
    private static partial Regex Summary();
}
