namespace Velox.Simulator.Tests;

public class BitfinexSimulatorTests
{
    [Test]
    public void Connections_GetTheirOwnReproducibleMarkets()
    {
        static List<string> Stream(BitfinexSimulator simulator)
        {
            var sink = new RecordingSink();
            var session = simulator.Connect(sink, 0);
            session.Open();
            session.OnClientMessage("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tETHUSD\"}"u8);
            for (var t = 1; t <= 200; t++)
            {
                session.Poll(t * 1_000_000L);
            }

            return sink.Frames;
        }

        var options = new SimulatorOptions { Seed = 99, EventsPerSecond = 1000 };
        var first = new BitfinexSimulator(options);
        var a0 = Stream(first);
        var a1 = Stream(first);
        var second = new BitfinexSimulator(options);
        Assert.That(Stream(second), Is.EqualTo(a0));
        Assert.That(Stream(second), Is.EqualTo(a1));
        Assert.That(a1, Is.Not.EqualTo(a0));
        Assert.That(first.ConnectionCount, Is.EqualTo(2));
    }
}
