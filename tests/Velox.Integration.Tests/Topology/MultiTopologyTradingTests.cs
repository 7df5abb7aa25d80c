using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Host.Topology;
using Velox.Host.Trading;
using Velox.Integration.Tests.Commands;
using Velox.Strategies.Execution;

namespace Velox.Integration.Tests.Topology;

/// <summary>
/// `velox run --topology multi --strategy mm`: md, engine and og as real child processes of the AOT binary over
/// shared-memory IPC, og on its own authenticated connection to the embedded simulator.
/// </summary>
[NonParallelizable]
public partial class MultiTopologyTradingTests
{
    private string _journal = string.Empty;
    private string _scenarios = string.Empty;

    [SetUp]
    public void SetUp()
    {
        _journal = Path.Combine(Path.GetTempPath(), $"velox-multi-trading-{Guid.NewGuid():N}.journal");
        _scenarios = Path.Combine(Path.GetTempPath(), $"velox-multi-trading-{Guid.NewGuid():N}");
    }

    [TearDown]
    public void TearDown()
    {
        File.Delete(_journal);
        if (Directory.Exists(_scenarios))
        {
            Directory.Delete(_scenarios, recursive: true);
        }
    }

    [Test]
    public void Paper_market_maker_trades_through_og_and_stops_with_nothing_open()
    {
        var binary = VeloxBinary.Require();
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(8));
        using var output = new StringWriter();

        var code = TopologyLauncher.Execute(Options(ExecutionMode.Paper) with { BenchDirectory = _scenarios }, shutdown, output, new VeloxExecutable(binary, []));
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        var trading = TradingLine().Match(text);
        Assert.That(trading.Success, Is.True, text);
        Assert.That(Number(trading, "sent"), Is.GreaterThan(0), text);
        Assert.That(Number(trading, "acked"), Is.GreaterThan(0), text);
        Assert.That(Number(trading, "fills"), Is.GreaterThan(0), "the simulator fills resting quotes on og's connection");
        var og = OgLine().Match(text);
        Assert.That(og.Success, Is.True, text);
        Assert.That(og.Groups["engineOpen"].Value, Is.EqualTo("0"), text);
        Assert.That(og.Groups["simOpen"].Value, Is.EqualTo("0"), "nothing left resting at the simulator");
        Assert.That(Number(og, "orders"), Is.EqualTo(Number(trading, "sent")), "og sent every order the engine sent");
        Assert.That(TickToTrade().IsMatch(text), Is.True, text);
        Assert.That(Regex.Matches(text, @"stopped (md|engine|og) \(pid \d+\): exit code 0"), Has.Count.EqualTo(3), text);

        var (dumpCode, dump, dumpError) = VeloxBinary.Run(binary, TimeSpan.FromSeconds(60), "journal", "dump", _journal);
        Assert.That(dumpCode, Is.EqualTo(0), dumpError);
        Assert.That(dump, Does.Contain("NewOrder").And.Contain("Fill"), "the journal holds the orders and fills");

        using var scenario = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_scenarios, "tick-to-trade-ipc.json")));
        var root = scenario.RootElement;
        Assert.That(root.GetProperty("schema").GetString(), Is.EqualTo("velox-bench-scenario/1"));
        Assert.That(root.GetProperty("id").GetString(), Is.EqualTo("tick-to-trade-ipc"));
        var histogram = root.GetProperty("histograms")[0];
        Assert.That(histogram.GetProperty("name").GetString(), Is.EqualTo("tick-to-trade"));
        var buckets = histogram.GetProperty("buckets").EnumerateArray().Sum(b => b[1].GetInt64());
        Assert.That(buckets, Is.EqualTo(histogram.GetProperty("count").GetInt64()).And.GreaterThan(0), "lossless buckets add up to the sample count");
    }

    [Test]
    public void Dry_run_answers_from_og_without_touching_the_simulator()
    {
        var binary = VeloxBinary.Require();
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(6));
        using var output = new StringWriter();

        var code = TopologyLauncher.Execute(Options(ExecutionMode.DryRun), shutdown, output, new VeloxExecutable(binary, []));
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        var trading = TradingLine().Match(text);
        Assert.That(trading.Success, Is.True, text);
        Assert.That(Number(trading, "sent"), Is.GreaterThan(0), text);
        Assert.That(Number(trading, "acked"), Is.EqualTo(Number(trading, "sent")), "og's dry-run venue acknowledges every order");
        Assert.That(Number(trading, "fills"), Is.Zero, text);
        Assert.That(text, Does.Contain("tick-to-decision"), text);
        Assert.That(OgLine().Match(text).Groups["simOpen"].Value, Is.EqualTo("0"), text);
    }

    [Test]
    public void Killing_og_is_reported_and_the_launcher_exits_3()
    {
        var binary = VeloxBinary.Require();
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(30));
        using var output = new StringWriter();
        var ogPid = 0;
        Task? killer = null;

        var code = TopologyLauncher.Execute(Options(ExecutionMode.Paper), shutdown, output, new VeloxExecutable(binary, []), (role, pid) =>
        {
            if (role == "og")
            {
                ogPid = pid;
                killer = Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(4));
                    using var og = Process.GetProcessById(pid);
                    og.Kill();
                });
            }
        });
        killer?.Wait();
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Failure), text);
        Assert.That(shutdown.IsRequested, Is.False, "the launcher should stop on og's death, not the duration");
        Assert.That(text, Does.Contain($"og (pid {ogPid}) died: killed by signal 9 (SIGKILL)"), text);
        Assert.That(text, Does.Contain("stopped engine (pid").And.Contain("stopped md (pid"), text);
        Assert.That(TradingLine().IsMatch(text), Is.True, "the trading summary is still written");
    }

    private RunOptions Options(ExecutionMode mode) => new()
    {
        EventsPerSecond = 3_000,
        MultiProcess = true,
        Strategy = TradingStrategy.MarketMaker,
        TradingMode = mode,
        JournalPath = _journal,
    };

    private static long Number(Match match, string group) => long.Parse(match.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^trading: \S+ market maker on \S+, orders (?<sent>[\d,]+) sent (?<acked>[\d,]+) acked [\d,]+ rejected [\d,]+ cancelled [\d,]+ expired, fills (?<fills>[\d,]+)", RegexOptions.Multiline)]
    private static partial Regex TradingLine();

    [GeneratedRegex(@"og: [\d,]+ commands, (?<orders>[\d,]+) orders .* engine open orders (?<engineOpen>\d+); simulator open orders (?<simOpen>\d+);")]
    private static partial Regex OgLine();

    [GeneratedRegex(@"tick-to-trade \(md frame read → og send\): [\d,]+ samples, p50 [\d.]+ µs, p99 [\d.]+ µs")]
    private static partial Regex TickToTrade();
}
