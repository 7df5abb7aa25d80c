using Velox.Simulator.Faults;

namespace Velox.Simulator.Tests.OrderEntry;

public class OrderFaultTests
{
    private static readonly string[] NewRestWallet = ["n", "on", "wu"];
    private static readonly string[] WalletOnly = ["wu"];
    private static readonly int[] BothOutcomes = [0, 1];

    private static TradingDriver Armed(FaultKind kind, int millis = 0, int seed = 11)
    {
        var options = TradingDriver.StaticOptions(seed) with { Faults = new FaultSchedule([new ScheduledFault(10, kind, millis)]) };
        var d = new TradingDriver(options);
        d.Auth(nonce: 1);
        d.Run(20);
        return d;
    }

    [Test]
    public void RejectOrder_AnswersTheNextOrderWithAnErrorAndPlacesNothing()
    {
        var d = Armed(FaultKind.RejectOrder);
        var frames = d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", "50000", cid: 3));
        var n = TradingDriver.Body(frames.Single());
        Assert.That(n[1].GetString(), Is.EqualTo("on-req"));
        Assert.That(n[6].GetString(), Is.EqualTo("ERROR"));
        Assert.That(n[4][2].GetInt64(), Is.EqualTo(3));
        Assert.That(d.Engine.OpenOrderCount(0), Is.Zero);

        var next = d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", "50000", cid: 4));
        Assert.That(TradingDriver.Body(next[0])[6].GetString(), Is.EqualTo("SUCCESS"), "only one order is refused");
    }

    [Test]
    public void DelayAck_HoldsTheOrdersFramesForTheDelay()
    {
        var d = Armed(FaultKind.DelayAck, millis: 300);
        Assert.That(d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", "50000")), Is.Empty);
        Assert.That(d.Engine.OpenOrderCount(0), Is.EqualTo(1), "the order is live while its ack is late");
        Assert.That(d.Run(250), Is.Empty);
        var late = d.Run(100);
        Assert.That(late.Select(TradingDriver.Type), Is.EqualTo(NewRestWallet));
    }

    [Test]
    public void LoseAck_PlacesTheOrderSilently_AndItShowsInTheNextSnapshot()
    {
        var d = Armed(FaultKind.LoseAck);
        var frames = d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", "50000", cid: 8));
        Assert.That(frames.Select(TradingDriver.Type), Is.EqualTo(WalletOnly), "no on-req, no on");
        d.Session.OnClosed();

        var options = TradingDriver.StaticOptions();
        var reconnected = new TradingDriver(options, d.Engine, connectionIndex: 1);
        var os = TradingDriver.Body(TradingDriver.OfType(reconnected.Auth(nonce: 2), "os").Single());
        Assert.That(os.GetArrayLength(), Is.EqualTo(1));
        Assert.That(os[0][2].GetInt64(), Is.EqualTo(8));
    }

    [Test]
    public void DisconnectOnOrder_DropsTheConnection_AndTheSeedDecidesWhetherTheOrderWasPlaced()
    {
        var placed = new HashSet<int>();
        for (var seed = 1; seed <= 12; seed++)
        {
            var d = Armed(FaultKind.DisconnectOnOrder, seed: seed);
            Assert.That(d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", "50000")), Is.Empty);
            Assert.That(d.Sink.ClosedAbruptly, Is.True);
            Assert.That(d.Session.IsClosed, Is.True);
            var count = d.Engine.OpenOrderCount(0);
            placed.Add(count);

            var again = Armed(FaultKind.DisconnectOnOrder, seed: seed);
            again.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", "50000"));
            Assert.That(again.Engine.OpenOrderCount(0), Is.EqualTo(count), "same seed, same outcome");
        }

        Assert.That(placed, Is.EquivalentTo(BothOutcomes), "both outcomes occur across seeds");
    }
}
