using System.Text.Json;
using Velox.Simulator.Market;

namespace Velox.Simulator.Tests.Bitfinex;

public class BitfinexSessionStreamTests
{
    private const string ConfSeqChecksum = "{\"event\":\"conf\",\"flags\":196608}";

    private static string SubscribeBook(string symbol, int len) =>
        $"{{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"{symbol}\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"{len}\"}}";

    [TestCase("tBTCUSD", 1)]
    [TestCase("tETHUSD", 25)]
    [TestCase("tXRPBTC", 100)]
    [TestCase("tBTCUSD", 250)]
    public void BookStaysWithinLen_AndEveryChecksumMatchesTheClientBook(string symbol, int len)
    {
        var d = new SessionDriver(new SimulatorOptions { Seed = 11, EventsPerSecond = 5000 });
        d.Send(ConfSeqChecksum);
        d.Send(SubscribeBook(symbol, len));
        d.Run(2_000, stepMillis: 2);

        var frames = d.Sink.Frames;
        var chanId = Frames.ChanIdOf(frames.First(f => Frames.EventName(f) == "subscribed"));
        var book = new WireBook(SimInstrumentSpec.DefaultPriceScale, SimInstrumentSpec.DefaultSizeScale);
        var checksums = 0;
        var updates = 0;
        var snapshot = true;
        foreach (var frame in frames.Where(f => Frames.IsChannel(f, chanId)))
        {
            var root = Frames.Parse(frame);
            var payload = root[1];
            if (snapshot)
            {
                book.ApplySnapshot(payload);
                snapshot = false;
            }
            else if (payload.ValueKind == JsonValueKind.Array)
            {
                book.Apply(payload);
                updates++;
            }
            else if (payload.GetString() == "cs")
            {
                var cs = root[2].GetInt32();
                Assert.That(cs, Is.EqualTo(book.WireTextChecksum()), $"cs after {updates} updates");
                Assert.That(cs, Is.EqualTo(book.FixedPointChecksum()));
                checksums++;

                // A delete and the level it pulls into the window are two frames; the cs follows both.
                Assert.That(book.BidCount, Is.EqualTo(len), "exactly len bids");
                Assert.That(book.AskCount, Is.EqualTo(len), "exactly len asks");
            }

            Assert.That(book.BidCount, Is.LessThanOrEqualTo(len));
            Assert.That(book.AskCount, Is.LessThanOrEqualTo(len));
        }

        Assert.That(updates, Is.GreaterThan(len == 1 ? 50 : 500));
        Assert.That(checksums, Is.GreaterThan(updates / 3));
    }

    [Test]
    public void ChecksumEvery_SpacesTheCsFrames()
    {
        var d = new SessionDriver(new SimulatorOptions { Seed = 12, EventsPerSecond = 2000, ChecksumEvery = 10 });
        d.Send(ConfSeqChecksum);
        d.Send(SubscribeBook("tETHUSD", 25));
        d.Run(1_000);
        var channel = d.Sink.Frames.Where(f => !Frames.IsEvent(f)).ToList();
        var cs = channel.Count(f => f.Contains("\"cs\"", StringComparison.Ordinal));
        var updates = channel.Count - cs - 1;
        Assert.That(cs, Is.GreaterThan(0));
        Assert.That(updates / (double)cs, Is.InRange(10.0, 25.0), "one cs per 10 book events (a delete can take two frames)");
    }

    [Test]
    public void TinyInstrument_PrintsExponentAndPlainDecimals()
    {
        var d = new SessionDriver(new SimulatorOptions { Seed = 3 });
        d.Send(SubscribeBook("tXRPBTC", 250));
        var snapshot = Frames.Parse(d.Sink.Frames[^1])[1];
        var prices = snapshot.EnumerateArray().Select(l => l[0].GetRawText()).ToList();
        Assert.That(prices, Has.Some.Matches("^[1-9](\\.\\d+)?e-7$"), "below 1e-6 JS prints exponent form");
        Assert.That(prices, Has.Some.Matches("^0\\.00000\\d+$"), "from 1e-6 up JS prints plain decimals");
        Assert.That(prices.Select(p => p.Replace(".", string.Empty, StringComparison.Ordinal).Split('e')[0].Trim('0').Length), Is.All.LessThanOrEqualTo(5), "≤ 5 significant digits");
    }

    [Test]
    public void SeqAll_NumbersEveryChannelFrameContiguously_IncludingHeartbeats()
    {
        var d = new SessionDriver(new SimulatorOptions { Seed = 5, EventsPerSecond = 20, HeartbeatInterval = TimeSpan.FromMilliseconds(100) });
        d.Send(ConfSeqChecksum);
        d.Send(SubscribeBook("tETHUSD", 25));
        d.Send("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}");
        d.Send("{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"tXRPBTC\"}");
        d.Run(5_000, stepMillis: 10);

        var channelFrames = d.Sink.Frames.Where(f => !Frames.IsEvent(f)).ToList();
        Assert.That(channelFrames.Count(f => f.Contains("\"hb\"", StringComparison.Ordinal)), Is.GreaterThan(10));
        var seqs = channelFrames.Select(Frames.Seq).ToList();
        Assert.That(seqs, Is.EqualTo(Enumerable.Range(1, seqs.Count).Select(i => (long)i)));
    }

    [Test]
    public void Timestamp_IsAppendedAfterTheSequenceNumber()
    {
        var d = new SessionDriver(new SimulatorOptions { Seed = 5, EpochMillis = 1_600_000_000_000 });
        d.Send("{\"event\":\"conf\",\"flags\":98304}");
        d.Send("{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"tBTCUSD\"}");
        d.Run(1_000);
        var frames = d.Sink.Frames.Where(f => !Frames.IsEvent(f)).Select(Frames.Parse).ToList();
        Assert.That(frames, Is.Not.Empty);
        for (var i = 0; i < frames.Count; i++)
        {
            var n = frames[i].GetArrayLength();
            Assert.That(frames[i][n - 2].GetInt64(), Is.EqualTo(i + 1), "sequence second to last");
            Assert.That(frames[i][n - 1].GetInt64(), Is.InRange(1_600_000_000_000, 1_600_000_001_000), "timestamp last");
        }
    }

    [Test]
    public void Trades_ArriveAsTeThenTu25To40MsLaterWithTheSameId()
    {
        var d = new SessionDriver(new SimulatorOptions { Seed = 9, EventsPerSecond = 1000 });
        d.Send("{\"event\":\"conf\",\"flags\":65536}");
        d.Send("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}");
        var chanId = Frames.ChanIdOf(d.Sink.Frames[^2]);
        var sentAt = new Dictionary<(string Type, long Id), (long Millis, long Seq, string Body)>();
        for (var t = 0; t < 2_100; t++)
        {
            d.Run(1, stepMillis: 1);
            foreach (var frame in d.Sink.Drain().Where(f => Frames.IsChannel(f, chanId)))
            {
                var root = Frames.Parse(frame);
                if (root[1].ValueKind == JsonValueKind.String && root[1].GetString() is "te" or "tu")
                {
                    sentAt[(root[1].GetString()!, root[2][0].GetInt64())] = (d.Now / SessionDriver.Millis, root[3].GetInt64(), root[2].GetRawText());
                }
            }
        }

        var te = sentAt.Where(kv => kv.Key.Type == "te" && kv.Value.Millis <= 2_000).ToList();
        Assert.That(te, Has.Count.GreaterThan(20));
        foreach (var (key, sent) in te)
        {
            Assert.That(sentAt.TryGetValue(("tu", key.Id), out var tu), Is.True, $"tu for trade {key.Id}");
            Assert.That(tu.Millis - sent.Millis, Is.InRange(25, 41));
            Assert.That(tu.Seq, Is.Not.EqualTo(sent.Seq));
            Assert.That(tu.Body, Is.EqualTo(sent.Body));
        }
    }

    [Test]
    public void SameSeedAndScript_GiveByteIdenticalStreams_OtherSeedsDiffer()
    {
        static List<string> Run(int seed)
        {
            var d = new SessionDriver(new SimulatorOptions { Seed = seed, EventsPerSecond = 2000, HeartbeatInterval = TimeSpan.FromMilliseconds(50) });
            d.Send("{\"event\":\"conf\",\"flags\":229376}");
            d.Send(SubscribeBook("tBTCUSD", 25));
            d.Send(SubscribeBook("tXRPBTC", 100));
            d.Send("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}");
            d.Send("{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"tETHUSD\"}");
            d.Run(1_000, stepMillis: 3);
            return d.Sink.Frames;
        }

        var a = Run(42);
        Assert.That(a, Has.Count.GreaterThan(1000));
        Assert.That(Run(42), Is.EqualTo(a));
        Assert.That(Run(43), Is.Not.EqualTo(a));
    }

    [Test]
    public void Heartbeats_GoOnlyToIdleChannels()
    {
        var d = new SessionDriver(new SimulatorOptions { Seed = 1, EventsPerSecond = 1, HeartbeatInterval = TimeSpan.FromSeconds(15) });
        d.Send("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tXRPBTC\"}");
        var chanId = Frames.ChanIdOf(d.Sink.Frames[^2]);
        d.Sink.Drain();
        d.Run(14_900, stepMillis: 100);
        Assert.That(d.Sink.Frames, Has.None.EqualTo($"[{chanId},\"hb\"]"));
        d.Run(31_000, stepMillis: 100);
        Assert.That(d.Sink.Frames.Count(f => f == $"[{chanId},\"hb\"]"), Is.InRange(1, 3));
    }
}
