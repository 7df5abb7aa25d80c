using Velox.Core.Time;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Faults;

namespace Velox.Simulator.Tests;

public class ConnectionPumpTests
{
    [Test]
    public void Pump_HandsClientMessagesToTheSessionAndPollsInRealTime()
    {
        var sink = new RecordingSink();
        var session = new BitfinexSession(new SimulatorOptions { EventsPerSecond = 1000 }, sink, 0, MonotonicClock.Now());
        using var pump = new ConnectionPump(session, MonotonicClock.Instance, "sim-test");
        pump.Enqueue("{\"event\":\"conf\",\"flags\":65536}"u8);
        pump.Enqueue("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\"}"u8);
        pump.Start();
        Thread.Sleep(300);
        pump.Stop();

        var frames = sink.Frames.ToList();
        Assert.That(Frames.EventName(frames[0]), Is.EqualTo("info"));
        Assert.That(Frames.EventName(frames[1]), Is.EqualTo("conf"));
        Assert.That(Frames.EventName(frames[2]), Is.EqualTo("subscribed"));
        Assert.That(frames.Count, Is.GreaterThan(20), "updates flow at the configured rate");
    }

    [Test]
    public void Pump_EndsWhenTheSessionDisconnects()
    {
        var sink = new RecordingSink();
        var options = new SimulatorOptions { Faults = new FaultSchedule([new ScheduledFault(20, FaultKind.Disconnect)]) };
        var session = new BitfinexSession(options, sink, 0, MonotonicClock.Now());
        using var pump = new ConnectionPump(session, MonotonicClock.Instance, "sim-test");
        using var ended = new ManualResetEventSlim();
        pump.Ended += ended.Set;
        pump.Start();
        Assert.That(ended.Wait(TimeSpan.FromSeconds(5)), Is.True);
        Assert.That(sink.ClosedAbruptly, Is.True);
    }
}
