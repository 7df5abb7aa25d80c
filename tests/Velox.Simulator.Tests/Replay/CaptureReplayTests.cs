using System.Text;
using Velox.MarketData.Capture;
using Velox.Simulator.Replay;
using Velox.Testing;

namespace Velox.Simulator.Tests.Replay;

public class CaptureReplayTests
{
    private const string Capture =
        "wss://api.bitfinex.com/ws/2 <-> 1618677543.367689\n" +
        "wss://api.bitfinex.com/ws/2 <- 1618677543.829587: {\"event\":\"conf\",\"flags\":65536}\n" +
        "1618677543.83163: {\"event\":\"info\",\"version\":2}\n" +
        "1618677543.951116: {\"event\":\"conf\",\"status\":\"OK\",\"flags\":65536}\n" +
        "https://api-pub.bitfinex.com/v2/conf/pub:list:pair:exchange -> 1618677543.1974761: [[\"BTCUSD\"]]\n" +
        "1618677544.2: [204928,[2e-8,0,1],50]\n" +
        "1618677545: [204928,\"hb\",51]\n";

    public static CaptureFrameSource FromText(string capture) =>
        new(CaptureReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(capture)), CaptureFormat.CryptofeedV1));

    [Test]
    public void Source_KeepsOnlyInboundFramesWithTheirTimestamps()
    {
        using var source = FromText(Capture);
        var frames = new List<(long, string)>();
        while (source.TryRead(out var f))
        {
            frames.Add((f.TimestampNanos, Encoding.UTF8.GetString(f.Frame.Span)));
        }

        Assert.That(frames.Select(f => f.Item2), Is.EqualTo(new List<string>
        {
            "{\"event\":\"info\",\"version\":2}",
            "{\"event\":\"conf\",\"status\":\"OK\",\"flags\":65536}",
            "[204928,[2e-8,0,1],50]",
            "[204928,\"hb\",51]",
        }));
        Assert.That(frames[0].Item1, Is.EqualTo(1_618_677_543_831_630_000));
        Assert.That(frames[3].Item1, Is.EqualTo(1_618_677_545_000_000_000));
    }

    [Test]
    public void RecordedPace_SendsEachFrameAtItsOffset()
    {
        using var source = FromText(Capture);
        var sink = new RecordingSink();
        const long Start = 5_000_000_000;
        var replay = new CaptureReplaySession(source, sink, ReplayPace.Recorded, Start);
        Assert.That(replay.Poll(Start), Is.EqualTo(1));
        Assert.That(replay.Poll(Start + 119_000_000), Is.Zero);
        Assert.That(replay.Poll(Start + 119_486_000), Is.EqualTo(1));
        Assert.That(replay.Poll(Start + 1_168_370_000), Is.EqualTo(2));
        Assert.That(replay.IsFinished, Is.True);
        Assert.That(sink.Frames[2], Is.EqualTo("[204928,[2e-8,0,1],50]"), "bytes as recorded");
    }

    [Test]
    public void FullSpeed_ReplaysARealCryptofeedCaptureByteForByte()
    {
        var path = RequireShared.File("bitfinex/cryptofeed_BITFINEX.ws.11.0");
        using var source = CaptureFrameSource.Open(path);
        var sink = new RecordingSink();
        var replay = new CaptureReplaySession(source, sink, ReplayPace.FullSpeed, 0, fullSpeedBatch: 100);
        var polls = 0;
        while (!replay.IsFinished)
        {
            Assert.That(replay.Poll(0), Is.LessThanOrEqualTo(100));
            polls++;
        }

        var expected = File.ReadLines(path)
            .Where(l => l.Length > 0 && char.IsDigit(l[0]) && !l.Contains(" <- ", StringComparison.Ordinal) && !l.Contains(" -> ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..])
            .ToList();
        Assert.That(sink.Frames, Is.EqualTo(expected));
        Assert.That(sink.Frames[0], Does.StartWith("{\"event\":\"info\",\"version\":2"));
        Assert.That(polls, Is.GreaterThan(1));
    }

    [Test]
    public void FullSpeed_ReplaysAMarfusiosDumpWithBothSessions()
    {
        var path = RequireShared.File("bitfinex/marfusios_bitfinex_raw_2018-11-12.txt.gz");
        using var source = CaptureFrameSource.Open(path);
        var sink = new CountingSink();
        var infoEvents = 0;
        var replay = new CaptureReplaySession(new InfoCounter(source, () => infoEvents++), sink, ReplayPace.Recorded, 0);
        while (!replay.IsFinished)
        {
            replay.Poll(0);
        }

        Assert.That(sink.Frames, Is.GreaterThan(10_000), "no timestamps: recorded pace sends everything at once");
        Assert.That(infoEvents, Is.EqualTo(2), "the dump holds two sessions");
    }

    private sealed class InfoCounter(ICapturedFrameSource inner, Action onInfo) : ICapturedFrameSource
    {
        public bool TryRead(out CapturedFrame frame)
        {
            if (!inner.TryRead(out frame))
            {
                return false;
            }

            if (frame.Frame.Span.StartsWith("{\"event\":\"info\""u8))
            {
                onInfo();
            }

            return true;
        }
    }
}
