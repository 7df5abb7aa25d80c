using System.Text;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Tests.OrderEntry;

namespace Velox.Simulator.Tests.Bitfinex;

/// <summary>Sessions on one <see cref="SharedBitfinexMarket"/>, driven on synthetic time from the test thread.</summary>
public class SharedMarketSessionTests
{
    private static readonly SimulatorOptions Unthrottled = new() { Seed = 3, EventsPerSecond = 0, SharedMarket = true };

    [Test]
    public void RestingOrderOnAConnectionWithoutSubscriptions_FillsAsMakerWhenTheOtherConnectionsMarketReachesIt()
    {
        var simulator = new BitfinexSimulator(Unthrottled);
        var md = simulator.Connect(new CountingSink(), 0);
        md.OnClientMessage("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"len\":\"25\"}"u8);
        var ogSink = new RecordingSink();
        var og = simulator.Connect(ogSink, 0);
        og.OnClientMessage(Encoding.UTF8.GetBytes(TradingDriver.AuthMessage(TradingDriver.Key, TradingDriver.Secret, 1)));

        // A bid at the best bid rests (the ask is above it) and fills only when the market md shows comes down to it.
        var book = simulator.SharedMarket!.Market[0];
        var bid = book.Bids[0].Price;
        Assert.That(book.Asks[0].Price, Is.GreaterThan(bid));
        var priceText = (bid / 10_000_000_000m).ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);
        og.OnClientMessage(Encoding.UTF8.GetBytes(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.01", priceText, cid: 7)));
        ogSink.Drain();

        var fills = new List<string>();
        for (long now = 1_000_000; fills.Count == 0 && now < 2_000 * 1_000_000L; now += 1_000_000)
        {
            md.Poll(now);
            og.Poll(now);
            fills.AddRange(TradingDriver.OfType(ogSink.Drain(), "te"));
        }

        Assert.That(fills, Is.Not.Empty, "the shared market reached the order although og's connection subscribes nothing");
        var fill = TradingDriver.Body(fills[0]);
        Assert.That(fill[5].GetRawText(), Is.EqualTo(priceText), "at the order's own price");
        Assert.That(fill[8].GetInt32(), Is.EqualTo(1), "as maker");
    }

    [Test]
    public void TwoSessionsOnOneMarket_AllocateNothingAfterWarmUp()
    {
        var simulator = new BitfinexSimulator(Unthrottled);
        var mdSink = new CountingSink();
        var ogSink = new CountingSink();
        var md = simulator.Connect(mdSink, 0);
        md.OnClientMessage("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"len\":\"25\"}"u8);
        md.OnClientMessage("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}"u8);
        var og = simulator.Connect(ogSink, 0);
        og.OnClientMessage(Encoding.UTF8.GetBytes(TradingDriver.AuthMessage(TradingDriver.Key, TradingDriver.Secret, 1)));
        og.OnClientMessage("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"len\":\"25\"}"u8);

        // Far from the market: checked on every event, never filled.
        og.OnClientMessage(Encoding.UTF8.GetBytes(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", "1000")));
        og.OnClientMessage(Encoding.UTF8.GetBytes(TradingDriver.NewOrder("EXCHANGE LIMIT", "-0.1", "200000")));
        // Warm-up long enough for every buffer (frame buffers, queues, the engine's lists) to reach its size.
        var now = 0L;
        for (var i = 0; i < 10_000; i++)
        {
            md.Poll(now += 1_000_000);
            og.Poll(now);
        }

        var (mdBefore, ogBefore) = (mdSink.Frames, ogSink.Frames);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 2_000; i++)
        {
            md.Poll(now += 1_000_000);
            og.Poll(now);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(mdSink.Frames - mdBefore, Is.GreaterThan(50_000));
        Assert.That(ogSink.Frames - ogBefore, Is.GreaterThan(50_000));
        Assert.That(allocated, Is.Zero);
    }
}
