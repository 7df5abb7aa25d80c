using Velox.Logging.Tests.Support;

namespace Velox.Logging.Tests;

public class AllocationTests
{
    [Test]
    public void EnqueueAllocatesNothingWhenKeptFilteredOrDropped()
    {
        using var t = new TestLogger(capacity: 1 << 14);
        var md = t.Catalog.Component("md");
        var evt = t.Catalog.Event(md, "book.update", LogLevel.Info, LogField.Text("symbol"), LogField.Decimal("px", 8), LogField.Decimal("qty", 8),
            LogField.Bool("bid"), LogField.Long("seq"), LogField.Time("recv"), LogField.Long("x"));
        var debug = t.Catalog.Event(md, "book.debug", LogLevel.Debug, LogField.Long("seq"));
        var symbol = t.Catalog.Text("tBTCUSD").Value;
        var seven = new long[7];
        Run();
        t.Logger.Flush();

        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        var kept = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(t.Logger.DroppedCount, Is.Zero);

        before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Run();
        Run();
        var dropping = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(kept, Is.Zero, "10k kept records");
        Assert.That(dropping, Is.Zero, "records dropped on a full ring");
        Assert.That(t.Logger.DroppedCount, Is.GreaterThan(0));

        void Run()
        {
            for (var i = 0; i < 10_000 / 5; i++)
            {
                t.Logger.Log(evt, symbol, 6_183_763_000_000, 25_000_000, Logger.Flag(true), i);
                t.Logger.Log(evt, symbol);
                t.Logger.Log(debug, i);
                seven[4] = i;
                t.Logger.Log(evt, seven);
                t.Logger.Log(evt);
            }
        }
    }

    [Test]
    public void TheWriterFormatsRecordsWithoutAllocatingOnceWarm()
    {
        using var t = new TestLogger(capacity: 1 << 14);
        var evt = t.Catalog.Event(t.Catalog.Component("md"), "book.update", LogLevel.Info, LogField.Text("symbol"), LogField.Decimal("px", 8),
            LogField.Bool("bid"), LogField.Time("recv"));
        var symbol = t.Catalog.Text("tBTCUSD").Value;
        var sink = new Velox.Logging.Sinks.StreamLogSink(Stream.Null, ownsStream: false);
        using var logger = new Logger(t.Catalog, t.Clock, new LoggerOptions { RingCapacity = 1 << 14, EpochOffsetNanos = 0 }, sink);
        for (var i = 0; i < 5_000; i++)
        {
            logger.Log(evt, symbol, i, 1, i);
        }

        logger.Flush();
        for (var i = 0; i < 5_000; i++)
        {
            logger.Log(evt, symbol, i, 1, i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        logger.Flush();
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(logger.Agent.LinesWritten, Is.EqualTo(10_000));
    }
}
