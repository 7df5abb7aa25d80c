using System.Diagnostics;
using System.Text.RegularExpressions;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Host.Topology;
using Velox.Integration.Tests.Commands;

namespace Velox.Integration.Tests.Topology;

[NonParallelizable]
public partial class MultiTopologyTests
{
    [Test]
    public void Md_and_engine_children_keep_books_in_sync_and_stop_cleanly()
    {
        var executable = new VeloxExecutable(VeloxBinary.Require(), []);
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(5));
        using var output = new StringWriter();

        var code = TopologyLauncher.Execute(new RunOptions { EventsPerSecond = 5_000 }, shutdown, output, executable);
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        Assert.That(Summary().Match(text).Groups["inSync"].Value, Is.EqualTo("3/3"), text);
        var engine = EngineLine().Match(text);
        Assert.That(engine.Success, Is.True, text);
        Assert.That(long.Parse(engine.Groups["events"].Value.Replace(",", string.Empty)), Is.GreaterThan(1000), text);
        Assert.That(engine.Groups["tops"].Value, Is.EqualTo("3/3"), text);
        var raw = RawLine().Match(text);
        Assert.That(raw.Success, Is.True, text);
        Assert.That(long.Parse(raw.Groups["received"].Value.Replace(",", string.Empty)), Is.GreaterThan(1000), text);
        Assert.That(raw.Groups["malformed"].Value, Is.EqualTo("0"), text);
        Assert.That(text, Does.Contain("stopped md (pid").And.Contain("stopped engine (pid"), text);
        Assert.That(Regex.Matches(text, @"stopped \w+ \(pid \d+\): exit code 0"), Has.Count.EqualTo(2), text);
        Assert.That(Directory.Exists(IpcDirectory(text)), Is.False, text);
    }

    [Test]
    public void Killing_md_is_noticed_by_engine_and_launcher_which_exits_3()
    {
        var executable = new VeloxExecutable(VeloxBinary.Require(), []);
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(30));
        using var output = new StringWriter();
        var mdPid = 0;
        Task? killer = null;

        var code = TopologyLauncher.Execute(new RunOptions { EventsPerSecond = 2_000 }, shutdown, output, executable, (role, pid) =>
        {
            if (role == "md")
            {
                mdPid = pid;
                killer = Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(3));
                    using var md = Process.GetProcessById(pid);
                    md.Kill();
                });
            }
        });
        killer?.Wait();
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Failure), text);
        Assert.That(shutdown.IsRequested, Is.False, "the launcher should stop on the child's death, not the duration");
        Assert.That(text, Does.Contain($"md (pid {mdPid}) died: killed by signal 9 (SIGKILL)"), text);
        Assert.That(text, Does.Contain("engine noticed: md stream PublisherDead"), text);
        Assert.That(text, Does.Contain("stopped engine (pid"), text);
        Assert.That(Directory.Exists(IpcDirectory(text)), Is.False, text);
    }

    private static string IpcDirectory(string text)
    {
        var match = Regex.Match(text, @"IPC (?<dir>/dev/shm/\S+),");
        Assert.That(match.Success, Is.True, text);
        return match.Groups["dir"].Value;
    }

    [GeneratedRegex(@"summary: .* books (?<inSync>\d+/\d+) in sync")]
    private static partial Regex Summary();

    [GeneratedRegex(@"^engine: engine (?<events>[\d,]+) events, tops (?<tops>\d+/\d+)", RegexOptions.Multiline)]
    private static partial Regex EngineLine();

    [GeneratedRegex(@"raw frames received (?<received>[\d,]+) \([\d,]+ bytes, (?<malformed>\d+) malformed\)")]
    private static partial Regex RawLine();
}
