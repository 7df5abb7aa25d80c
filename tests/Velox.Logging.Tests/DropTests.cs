using Velox.Logging.Tests.Support;

namespace Velox.Logging.Tests;

public class DropTests
{
    [Test]
    public void AFullRingDropsCountsAndTheWriterReportsTheCount()
    {
        using var t = new TestLogger(capacity: 16);
        var evt = t.Catalog.Event(t.Catalog.Component("md"), "tick", LogLevel.Info, LogField.Long("n"));
        var accepted = Enumerable.Range(0, 100).Count(i => t.Logger.Log(evt, i));
        Assert.That(accepted, Is.EqualTo(16));
        Assert.That(t.Logger.DroppedCount, Is.EqualTo(84));

        t.Logger.Flush();
        var docs = t.Sink.Parse();
        Assert.That(docs.Take(16).Select(d => d.Field("n").GetInt64()), Is.EqualTo(Enumerable.Range(0, 16)), "the first 16 kept, in order");
        var report = docs[16];
        Assert.That(report.Event(), Is.EqualTo("log.dropped"));
        Assert.That(report.RootElement.GetProperty("component").GetString(), Is.EqualTo("log"));
        Assert.That(report.RootElement.GetProperty("level").GetString(), Is.EqualTo("warn"));
        Assert.That(report.Field("count").GetInt64(), Is.EqualTo(84));
        Assert.That(report.Field("total").GetInt64(), Is.EqualTo(84));

        for (var i = 0; i < 10; i++)
        {
            t.Logger.Log(evt, 1_000 + i);
        }

        t.Logger.Flush();
        Assert.That(t.Sink.Lines, Has.Count.EqualTo(27), "no new drops, no new report");

        var more = Enumerable.Range(0, 20).Count(i => t.Logger.Log(evt, 2_000 + i));
        Assert.That(more, Is.EqualTo(16));
        t.Logger.Flush();
        var last = Line.Parse(t.Sink.Lines[^1]);
        Assert.That(last.Event(), Is.EqualTo("log.dropped"));
        Assert.That(last.Field("count").GetInt64(), Is.EqualTo(4));
        Assert.That(last.Field("total").GetInt64(), Is.EqualTo(88));
    }

    [Test]
    public void FourProducersAgainstTheRunningWriterEveryKeptRecordOnceAndWhole()
    {
        const int Producers = 4;
        const int PerProducer = 100_000;
        var catalog = new LogCatalog();
        var sink = new VerifyingSink(Producers, PerProducer);
        var logger = new Logger(catalog, Velox.Core.Time.MonotonicClock.Instance, new LoggerOptions { RingCapacity = 4096 }, sink);
        var fields = new[] { LogField.Long("p"), LogField.Long("s") }
            .Concat(Enumerable.Range(2, LogCatalog.MaxFields - 2).Select(i => LogField.Decimal($"v{i}", i % 19))).ToArray();
        var evt = catalog.Event(catalog.Component("stress"), "stress.rec", LogLevel.Info, fields);
        Assert.That(logger.Start(new Velox.Ipc.Agents.AgentRunnerOptions { Name = "log-stress", BackoffMaxParkNanos = 100_000 }), Is.True);

        using var start = new Barrier(Producers);
        var threads = Enumerable.Range(0, Producers).Select(p => new Thread(() =>
        {
            Span<long> values = stackalloc long[LogCatalog.MaxFields];
            start.SignalAndWait();
            for (long seq = 0; seq < PerProducer; seq++)
            {
                values[0] = p;
                values[1] = seq;
                for (var i = 2; i < values.Length; i++)
                {
                    values[i] = VerifyingSink.Expected(p, seq, i);
                }

                if (!logger.Log(evt, values))
                {
                    // A bursty producer: after a drop, give the writer a moment so most records get through.
                    Thread.Yield();
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.That(t.Join(TimeSpan.FromSeconds(60)), Is.True));
        logger.Dispose();

        Assert.That(sink.Failures, Is.Empty);
        Assert.That(sink.Delivered + logger.DroppedCount, Is.EqualTo(Producers * PerProducer), "every record is written or counted as dropped");
        Assert.That(sink.ReportedDrops, Is.EqualTo(logger.DroppedCount), "log.dropped lines add up to the drop counter");
        Assert.That(sink.Delivered, Is.GreaterThan(0));
        TestContext.Out.WriteLine($"delivered {sink.Delivered}, dropped {logger.DroppedCount}");
    }
}
