using System.Text.Json;
using Velox.Core.Instruments;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Host.Config;
using Velox.Host.Logging;
using Velox.MarketData.Events;
using Velox.Net.Reconnect;
using Velox.Simulator;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Integration.Tests.Operations;

/// <summary>The structured log of `velox run`: events, JSON lines, rotation, levels, and the allocation-free md path.</summary>
[NonParallelizable]
public class RunLogTests
{
    private RunConfigFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new RunConfigFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void Checksum_and_disconnect_faults_are_logged_as_json_lines_into_a_rotated_file()
    {
        var file = Path.Combine(_files.Directory, "logs", "velox.log");
        var path = _files.Write($$"""
            { "simulator": { "eventsPerSecond": 3000 }, "admin": { "enabled": false },
              "logging": { "stdout": false, "file": {{JsonSerializer.Serialize(file)}}, "maxFileBytes": 4096, "maxFiles": 3 } }
            """);
        var options = RunConfigFiles.Resolve(["--config", path], RunConfigFiles.NoEnvironment, out var errors);
        Assert.That(options, Is.Not.Null, errors);
        // One fault a second (the status loop's pace): about 3 lines per checksum fault, 5 per disconnect, so ~5 KiB in 8 s.
        options = options! with { Faults = [FaultKind.CorruptChecksum, FaultKind.Disconnect], FaultEvery = TimeSpan.FromMilliseconds(500) };
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(8));
        using var output = new StringWriter();

        var code = RunCommand.Execute(options, shutdown, output);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), output.ToString());
        Assert.That(File.Exists(file + ".1"), Is.True, "the 4 KiB file rotated");
        Assert.That(File.Exists(file + ".4"), Is.False, "at most maxFiles rotated files");
        var lines = new List<JsonElement>();
        foreach (var part in new[] { file + ".3", file + ".2", file + ".1", file }.Where(File.Exists))
        {
            Assert.That(new FileInfo(part).Length, Is.LessThanOrEqualTo(4096), part);
            foreach (var line in File.ReadAllLines(part))
            {
                using var document = JsonDocument.Parse(line);
                lines.Add(document.RootElement.Clone());
            }
        }

        var events = lines.Select(l => l.GetProperty("event").GetString()).ToList();
        Assert.That(events, Does.Contain("run.start").And.Contain("connection.up").And.Contain("connection.down").And.Contain("fault.injected").And.Contain("run.stop"));
        var resyncs = lines.Where(l => l.GetProperty("event").GetString() == "book.resync").Select(l => l.GetProperty("fields")).ToList();
        Assert.That(resyncs, Is.Not.Empty, string.Join('\n', events));
        Assert.That(resyncs[0].GetProperty("venue").GetString(), Is.EqualTo("bitfinex"));
        Assert.That(resyncs[0].GetProperty("instrument").GetString(), Does.StartWith("t"));
        Assert.That(resyncs.Select(r => r.GetProperty("reason").GetString()), Does.Contain("checksum-mismatch").And.Contain("reconnect"));
        Assert.That(lines.Where(l => l.GetProperty("event").GetString() == "book.resync").Select(l => l.GetProperty("level").GetString()), Has.All.EqualTo("warn"));

        var mismatches = lines.Where(l => l.GetProperty("event").GetString() == "checksum.mismatch").Select(l => l.GetProperty("fields")).ToList();
        var stop = lines.Single(l => l.GetProperty("event").GetString() == "run.stop").GetProperty("fields");
        Assert.That(mismatches.Sum(m => m.GetProperty("count").GetInt64()), Is.EqualTo(stop.GetProperty("checksum_mismatches").GetInt64()), "every mismatch was logged");
        Assert.That(stop.GetProperty("checksum_mismatches").GetInt64(), Is.GreaterThanOrEqualTo(2));
        var up = lines.Where(l => l.GetProperty("event").GetString() == "connection.up").Select(l => l.GetProperty("fields")).ToList();
        Assert.That(up[^1].GetProperty("reconnects").GetInt64(), Is.EqualTo(stop.GetProperty("reconnects").GetInt64()), "the last connection.up carries the reconnect count");
        Assert.That(output.ToString(), Does.Not.Contain("{\"ts\""), "JSON lines never go to the human status output");
    }

    [Test]
    public void Log_level_spec_wins_over_the_logging_section()
    {
        var logging = new LoggingConfig
        {
            Level = Velox.Host.Config.LogLevel.Warn,
            Components = new Dictionary<string, Velox.Host.Config.LogLevel> { ["md"] = Velox.Host.Config.LogLevel.Debug },
            Stdout = false,
        };
        Assert.That(Velox.Logging.LogLevelSpec.TryParse("error,run=info", out var spec, out var error), Is.True, error);

        using var log = RunLog.Create(logging, spec);

        Assert.That(log.Catalog.LevelOf(log.Catalog.Component("run")), Is.EqualTo(Velox.Logging.LogLevel.Info));
        Assert.That(log.Catalog.LevelOf(log.Catalog.Component("md")), Is.EqualTo(Velox.Logging.LogLevel.Debug), "the section's component level stays");
        Assert.That(log.Catalog.LevelOf(log.Catalog.Component("other")), Is.EqualTo(Velox.Logging.LogLevel.Error));
    }

    [Test]
    public void Publishing_the_status_and_logging_md_changes_allocates_nothing()
    {
        var simOptions = new SimulatorOptions { EventsPerSecond = 3000 };
        using var server = new BitfinexSimulatorServer(simOptions);
        server.Start();
        var registry = new InstrumentRegistry();
        var session = new BitfinexMarketDataSession(registry, new BitfinexSessionOptions { ConfFlags = BitfinexConfFlags.SeqAll | BitfinexConfFlags.OrderBookChecksum });
        foreach (var spec in simOptions.Instruments)
        {
            registry.Add(BitfinexVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
            session.SubscribeBook(spec.Symbol, "P0", "F0", 25);
        }

        var reconnect = new ReconnectPolicy(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), ReconnectJitter.Full, new Random(1));
        using var connector = new BitfinexConnector<NullMarketDataHandler>(server.Url, session, default, reconnect);
        var sink = new MemoryStream();
        using var log = RunLog.Create(new LoggingConfig(), stdout: sink);
        var status = new RunStatus<NullMarketDataHandler>(connector, simOptions.Instruments.Count, null, MdLogWatch.For(log, connector));

        // Warm-up: connect, get in sync, and go once through a logged mismatch and resync.
        Pump(connector, status, () => status.Take().BooksInSync == simOptions.Instruments.Count);
        server.InjectFault(FaultKind.CorruptChecksum);
        Pump(connector, status, () => status.Take().Resyncs >= 1 && status.Take().BooksInSync == simOptions.Instruments.Count);

        var allocated = 0L;
        var publishes = 0;
        var dropped = log.Logger.DroppedCount;
        for (var fault = 0; fault < 3; fault++)
        {
            server.InjectFault(FaultKind.CorruptChecksum);
            var target = status.Take().Resyncs + 1;
            var deadline = Environment.TickCount64 + 30_000;
            while (status.Take().Resyncs < target && Environment.TickCount64 < deadline)
            {
                for (var i = 0; i < 1000; i++)
                {
                    connector.DoWork();
                }

                var before = GC.GetAllocatedBytesForCurrentThread();
                status.Publish();
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                publishes++;
                Thread.Sleep(1);
            }
        }

        Assert.That(status.Take().Resyncs, Is.GreaterThanOrEqualTo(4), "the measured publishes logged resyncs");
        Assert.That(allocated, Is.Zero, $"{allocated} B over {publishes} publishes");
        log.Logger.Flush();
        var text = System.Text.Encoding.UTF8.GetString(sink.ToArray());
        Assert.That(text.Split('\n').Count(l => l.Contains("\"event\":\"book.resync\"", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(4 - (int)(log.Logger.DroppedCount - dropped)), text);
    }

    private static void Pump(BitfinexConnector<NullMarketDataHandler> connector, RunStatus<NullMarketDataHandler> status, Func<bool> done)
    {
        var deadline = Environment.TickCount64 + 30_000;
        while (Environment.TickCount64 < deadline)
        {
            for (var i = 0; i < 1000; i++)
            {
                connector.DoWork();
            }

            status.Publish();
            if (done())
            {
                return;
            }

            Thread.Sleep(1);
        }

        Assert.Fail("the connector did not reach the expected state within 30 s");
    }
}
