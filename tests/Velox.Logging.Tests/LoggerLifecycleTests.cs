using Velox.Core.Time;
using Velox.Ipc.Agents;
using Velox.Logging.Sinks;
using Velox.Logging.Tests.Support;

namespace Velox.Logging.Tests;

public class LoggerLifecycleTests
{
    [Test]
    public void DisposeWritesEverythingEnqueuedAndClosesTheSinks()
    {
        using var dir = new TempDirectory();
        var path = dir.File("velox.log");
        var catalog = new LogCatalog();
        var component = catalog.Component("engine");
        var evt = catalog.Event(component, "tick", LogLevel.Info, LogField.Long("n"));
        var memory = new MemorySink();
        var logger = new Logger(catalog, MonotonicClock.Instance, new LoggerOptions { RingCapacity = 8_192 },
            new RollingFileLogSink(path, 1 << 20, 1), memory);
        // A writer that sleeps 50 ms per idle cycle: without the drain at stop most lines would still be queued.
        Assert.That(logger.Start(new AgentRunnerOptions { Name = "log-dispose", Idle = IdleStrategyKind.Sleeping, SleepNanos = 50_000_000 }), Is.True);
        for (var i = 0; i < 5_000; i++)
        {
            logger.Log(evt, i);
        }

        logger.Message(component, LogLevel.Info, "engine.stopping", "bye");
        logger.Dispose();

        var lines = File.ReadAllLines(path);
        Assert.That(lines, Has.Length.EqualTo(5_001));
        Assert.That(lines[^1], Does.Contain("\"engine.stopping\""));
        Assert.That(memory.Disposed, Is.True);
        Assert.That(logger.Log(evt, 1), Is.True, "logging after dispose is harmless (the record is never written)");
        logger.Dispose();
        Assert.That(File.ReadAllLines(path), Has.Length.EqualTo(5_001));
    }

    [Test]
    public void TheWriterFlushesWhenIdleSoLinesReachTheFileWithoutShutdown()
    {
        using var dir = new TempDirectory();
        var path = dir.File("velox.log");
        var catalog = new LogCatalog();
        var evt = catalog.Event(catalog.Component("md"), "md.connected", LogLevel.Info, LogField.Text("venue"));
        var sink = new RollingFileLogSink(path, 1 << 20, 1);
        using var logger = new Logger(catalog, MonotonicClock.Instance, new LoggerOptions(), sink);
        Assert.That(logger.Start(), Is.True);
        logger.Log(evt, catalog.Text("bitfinex").Value);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string text;
        do
        {
            Thread.Sleep(10);
            using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            text = new StreamReader(reader).ReadToEnd();
        }
        while (text.Length == 0 && DateTime.UtcNow < deadline);

        using var doc = Line.Parse(text);
        Assert.That(doc.Field("venue").GetString(), Is.EqualTo("bitfinex"));
        var ts = DateTime.Parse(doc.RootElement.GetProperty("ts").GetString()!, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.RoundtripKind);
        Assert.That(ts.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That((DateTime.UtcNow - ts).Duration(), Is.LessThan(TimeSpan.FromMinutes(1)), "the monotonic clock is anchored to wall time");
    }

    [Test]
    public void TheWriterRunsAsAnAgentOnAnotherRunnerToo()
    {
        var t = new TestLogger(capacity: 1_024);
        var evt = t.Catalog.Event(t.Catalog.Component("md"), "tick", LogLevel.Info, LogField.Long("n"));
        using (var runner = new AgentRunner(new AgentRunnerOptions { Name = "housekeeping", BackoffMaxParkNanos = 100_000 }, t.Logger.Agent))
        {
            Assert.That(runner.Start(), Is.True);
            for (var i = 0; i < 100; i++)
            {
                t.Logger.Log(evt, i);
            }

            Assert.That(runner.Stop(), Is.True);
            Assert.That(runner.FailureCount, Is.Zero);
        }

        Assert.That(t.Sink.Parse().Select(d => d.Field("n").GetInt64()), Is.EqualTo(Enumerable.Range(0, 100)), "the runner's stop drained the ring");
        Assert.That(t.Sink.Flushes, Is.GreaterThan(0));
        t.Dispose();
        Assert.That(t.Sink.Disposed, Is.True);
    }

    [Test]
    public void StdoutSinkWritesToTheProcessOutput()
    {
        using var sink = StreamLogSink.Stdout();
        sink.Write("{\"ts\":\"1970-01-01T00:00:00.000000Z\",\"level\":\"info\",\"component\":\"test\",\"event\":\"stdout.check\",\"fields\":{}}\n"u8);
        sink.Flush();
        Assert.That(sink.Errors, Is.Zero);
    }
}
