using System.Diagnostics;
using System.Text;
using Velox.Simulator.Bitfinex;

namespace Velox.Simulator.Tests.OrderEntry;

public class OrderEntrySteadyStateTests
{
    private static BitfinexSession LoggedInWithRestingOrders(CountingSink sink)
    {
        var session = new BitfinexSession(new SimulatorOptions { Seed = 2, EventsPerSecond = 0 }, sink, 0, 0);
        session.Open();
        session.OnClientMessage(Encoding.UTF8.GetBytes(TradingDriver.AuthMessage(TradingDriver.Key, TradingDriver.Secret, 1)));
        session.OnClientMessage("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"len\":\"25\"}"u8);
        session.OnClientMessage("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}"u8);

        // Far from the market: they are checked on every market event but never fill.
        session.OnClientMessage(Encoding.UTF8.GetBytes(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", "1000")));
        session.OnClientMessage(Encoding.UTF8.GetBytes(TradingDriver.NewOrder("EXCHANGE LIMIT", "-0.1", "200000")));
        return session;
    }

    [Test]
    public void MarketEventsWithRestingOrders_AllocateNothingAfterWarmUp()
    {
        var sink = new CountingSink();
        var session = LoggedInWithRestingOrders(sink);
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
        Assert.That(sink.Frames - framesBefore, Is.GreaterThan(50_000));
        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void OrderRoundTrips_AreReported()
    {
        var sink = new CountingSink();
        var session = LoggedInWithRestingOrders(sink);
        var place = Encoding.UTF8.GetBytes(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.01", "1000"));
        var cancelAll = "[0,\"oc_multi\",null,{\"all\":1}]"u8.ToArray();
        var count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < 500)
        {
            session.OnClientMessage(place);
            session.OnClientMessage(cancelAll);
            count++;
        }

        var rate = count / watch.Elapsed.TotalSeconds;
        TestContext.Out.WriteLine($"{rate:N0} place+cancel-all pairs/s through the session (parse, match, frames)");
        Assert.That(rate, Is.GreaterThan(1_000));
    }
}
