using Velox.Simulator.Bitfinex;

namespace Velox.Simulator.Tests.Bitfinex;

public class BitfinexSessionEventTests
{
    private static SessionDriver NewDriver() => new(new SimulatorOptions { Seed = 7 });

    [Test]
    public void Open_SendsInfoVersion2WithPlatformStatus()
    {
        var d = NewDriver();
        var info = Frames.Parse(d.Sink.Frames.Single());
        Assert.That(info.GetProperty("event").GetString(), Is.EqualTo("info"));
        Assert.That(info.GetProperty("version").GetInt32(), Is.EqualTo(2));
        Assert.That(info.GetProperty("serverId").GetString(), Has.Length.EqualTo(36));
        Assert.That(info.GetProperty("platform").GetProperty("status").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public void Conf_IsEchoedWithStatusOk()
    {
        var d = NewDriver();
        d.Sink.Drain();
        d.Send("{\"event\":\"conf\",\"flags\":196608}");
        Assert.That(d.Sink.Frames.Single(), Is.EqualTo("{\"event\":\"conf\",\"status\":\"OK\",\"flags\":196608}"));
        Assert.That(d.Session.Flags, Is.EqualTo(BitfinexFlags.SeqAll | BitfinexFlags.OrderBookChecksum));
    }

    [Test]
    public void SubscribeBook_RepliesSubscribedThenSnapshotBidsFirstAsksNegative()
    {
        var d = NewDriver();
        d.Sink.Drain();
        d.Send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}");
        var frames = d.Sink.Drain();
        Assert.That(frames, Has.Count.EqualTo(2));
        var chanId = Frames.ChanIdOf(frames[0]);
        Assert.That(frames[0], Is.EqualTo($"{{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":{chanId},\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\",\"pair\":\"BTCUSD\"}}"));
        Assert.That(chanId, Is.Positive);

        var levels = Frames.Parse(frames[1])[1];
        Assert.That(levels.GetArrayLength(), Is.EqualTo(50));
        var prices = levels.EnumerateArray().Select(l => l[0].GetDouble()).ToArray();
        var amounts = levels.EnumerateArray().Select(l => l[2].GetDouble()).ToArray();
        Assert.That(amounts[..25], Is.All.Positive);
        Assert.That(amounts[25..], Is.All.Negative);
        Assert.That(prices[..25], Is.Ordered.Descending);
        Assert.That(prices[25..], Is.Ordered.Ascending);
        Assert.That(prices[0], Is.LessThan(prices[25]), "best bid below best ask");
    }

    [Test]
    public void SubscribeTradesAndTicker_SendSnapshots()
    {
        var d = NewDriver();
        d.Sink.Drain();
        d.Send("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tETHUSD\"}");
        d.Send("{\"event\":\"subscribe\",\"channel\":\"ticker\",\"pair\":\"ETHUSD\"}");
        var frames = d.Sink.Drain();
        Assert.That(frames, Has.Count.EqualTo(4));
        Assert.That(frames[0], Does.Match("^\\{\"event\":\"subscribed\",\"channel\":\"trades\",\"chanId\":\\d+,\"symbol\":\"tETHUSD\",\"pair\":\"ETHUSD\"\\}$"));
        var trades = Frames.Parse(frames[1])[1];
        Assert.That(trades.GetArrayLength(), Is.EqualTo(10));
        Assert.That(trades.EnumerateArray().All(t => t.GetArrayLength() == 4), Is.True);
        Assert.That(Frames.EventName(frames[2]), Is.EqualTo("subscribed"));
        Assert.That(Frames.Parse(frames[3])[1].GetArrayLength(), Is.EqualTo(10));
    }

    [TestCase("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tFOOBAR\"}", 10300, "symbol: invalid")]
    [TestCase("{\"event\":\"subscribe\",\"channel\":\"trades\",\"pair\":\"FOOBAR\"}", 10001, "pair: invalid")]
    [TestCase("{\"event\":\"subscribe\",\"channel\":\"candles\",\"symbol\":\"tBTCUSD\"}", 10302, "channel: unknown")]
    [TestCase("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"len\":\"30\"}", 10012, "len: invalid")]
    [TestCase("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"prec\":\"P9\"}", 10011, "prec: invalid")]
    [TestCase("{\"event\":\"hello\"}", 10000, "Unknown event")]
    [TestCase("{\"event\":\"subscribe\",", 10000, "Unknown event")]
    [TestCase("{\"event\":\"unsubscribe\",\"chanId\":1}", 10401, "unsubscribe: invalid")]
    public void BadRequests_AnswerErrorEvents(string request, int code, string message)
    {
        var d = NewDriver();
        d.Sink.Drain();
        d.Send(request);
        Assert.That(d.Sink.Frames.Single(), Is.EqualTo($"{{\"event\":\"error\",\"msg\":\"{message}\",\"code\":{code}}}"));
    }

    [Test]
    public void SecondSubscribeToSameChannel_IsDuplicate()
    {
        var d = NewDriver();
        d.Send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\"}");
        d.Sink.Drain();
        d.Send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"len\":\"100\"}");
        Assert.That(Frames.Parse(d.Sink.Frames.Single()).GetProperty("code").GetInt32(), Is.EqualTo(10301));
    }

    [Test]
    public void ChanIds_AreUniquePositivePerConnection()
    {
        var d = NewDriver();
        d.Sink.Drain();
        foreach (var symbol in new[] { "tBTCUSD", "tETHUSD", "tXRPBTC" })
        {
            foreach (var channel in new[] { "book", "trades", "ticker" })
            {
                d.Send($"{{\"event\":\"subscribe\",\"channel\":\"{channel}\",\"symbol\":\"{symbol}\"}}");
            }
        }

        var ids = d.Sink.Frames.Where(f => Frames.EventName(f) == "subscribed").Select(Frames.ChanIdOf).ToList();
        Assert.That(ids, Has.Count.EqualTo(9));
        Assert.That(ids, Is.Unique);
        Assert.That(ids, Is.All.Positive);
    }

    [Test]
    public void Unsubscribe_RepliesOkAndStopsTheChannel()
    {
        var d = NewDriver();
        d.Send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\"}");
        var chanId = Frames.ChanIdOf(d.Sink.Frames[1]);
        d.Run(100);
        Assert.That(d.Sink.Frames.Count(f => Frames.IsChannel(f, chanId)), Is.GreaterThan(1));
        d.Sink.Drain();
        d.Send($"{{\"event\":\"unsubscribe\",\"chanId\":{chanId}}}");
        Assert.That(d.Sink.Frames.Single(), Is.EqualTo($"{{\"event\":\"unsubscribed\",\"status\":\"OK\",\"chanId\":{chanId}}}"));
        d.Run(20_000, stepMillis: 50);
        Assert.That(d.Sink.Frames.Count(f => Frames.IsChannel(f, chanId)), Is.Zero, "no data or heartbeats after unsubscribe");
    }

    [Test]
    public void Ping_IsAnsweredWithPongEchoingCid()
    {
        var d = NewDriver();
        d.Sink.Drain();
        d.Send("{\"event\":\"ping\",\"cid\":1234}");
        var pong = Frames.Parse(d.Sink.Frames.Single());
        Assert.That(pong.GetProperty("event").GetString(), Is.EqualTo("pong"));
        Assert.That(pong.GetProperty("cid").GetInt32(), Is.EqualTo(1234));
    }
}
