using System.Diagnostics;
using Velox.Simulator.Bitfinex;

namespace Velox.Simulator.Tests.Bitfinex;

public class SteadyStateTests
{
    private static BitfinexSession Unthrottled(CountingSink sink, int flags = 229376)
    {
        var session = new BitfinexSession(new SimulatorOptions { Seed = 2, EventsPerSecond = 0 }, sink, 0, 0);
        session.Open();
        session.OnClientMessage(System.Text.Encoding.UTF8.GetBytes($"{{\"event\":\"conf\",\"flags\":{flags}}}"));
        session.OnClientMessage("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"len\":\"25\"}"u8);
        session.OnClientMessage("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tXRPBTC\",\"len\":\"250\"}"u8);
        session.OnClientMessage("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}"u8);
        session.OnClientMessage("{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"tETHUSD\"}"u8);
        return session;
    }

    [Test]
    public void FrameGeneration_AllocatesNothingAfterWarmUp()
    {
        var sink = new CountingSink();
        var session = Unthrottled(sink);
        var now = 0L;
        for (var i = 0; i < 2_000; i++)
        {
            session.Poll(now += 1_000_000);
        }

        var framesBefore = sink.Frames;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 2_000; i++)
        {
            session.Poll(now += 1_000_000);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(sink.Frames - framesBefore, Is.GreaterThan(100_000));
        Assert.That(allocated, Is.Zero);
    }

    [TestCase(BitfinexFlags.SeqAll | BitfinexFlags.Timestamp | BitfinexFlags.OrderBookChecksum)]
    [TestCase(BitfinexFlags.SeqAll)]
    public void Throughput_IsReported(int flags)
    {
        var sink = new CountingSink();
        var session = Unthrottled(sink, flags);
        var now = 0L;
        for (var i = 0; i < 1_000; i++)
        {
            session.Poll(now += 1_000_000);
        }

        var frames = sink.Frames;
        var bytes = sink.Bytes;
        var watch = Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < 1_000)
        {
            session.Poll(now += 1_000_000);
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var rate = (sink.Frames - frames) / seconds;
        TestContext.Out.WriteLine($"{rate:N0} frames/s, {(sink.Bytes - bytes) / seconds / 1e6:N1} MB/s (flags {flags}; book 25 + book 250 + trades + ticker)");
        Assert.That(rate, Is.GreaterThan(10_000));
    }
}
