using System.IO.Compression;
using System.Text;
using Velox.MarketData.Capture;
using Velox.Testing;

namespace Velox.MarketData.Tests.Capture;

public sealed class CaptureReaderTests
{
    private static readonly string[] PlainFrames = ["[1,\"hb\"]", "{\"event\":\"info\"}"];

    private static List<(long Ts, CaptureDirection Dir, int Conn, string Frame)> ReadAll(CaptureReader reader)
    {
        var records = new List<(long, CaptureDirection, int, string)>();
        while (reader.TryRead(out var r))
        {
            records.Add((r.TimestampNanos, r.Direction, r.Connection, Encoding.UTF8.GetString(r.Frame.Span)));
        }

        return records;
    }

    private static CaptureReader FromText(string text, CaptureFormat format = CaptureFormat.Auto) =>
        CaptureReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)), format);

    [Test]
    public void CryptofeedV1LinesAreSplitByKind()
    {
        using var reader = FromText(
            "wss://x/ws/2 <-> 1618677543.367689\n" +
            "wss://x/ws/2 <- 1618677543.829587: {\"event\":\"conf\",\"flags\":65536}\n" +
            "1618677543.83163: [1,\"hb\",3]\n" +
            "https://x/v2/conf -> 1618677540.5: [[\"BTCUSD\"]]\n");
        Assert.That(reader.Format, Is.EqualTo(CaptureFormat.CryptofeedV1));
        var records = ReadAll(reader);
        Assert.That(records, Is.EqualTo(new[]
        {
            (1618677543_367689000L, CaptureDirection.Connect, 0, "wss://x/ws/2"),
            (1618677543_829587000L, CaptureDirection.Outbound, 0, "{\"event\":\"conf\",\"flags\":65536}"),
            (1618677543_831630000L, CaptureDirection.Inbound, 0, "[1,\"hb\",3]"),
            (1618677540_500000000L, CaptureDirection.Rest, 0, "[[\"BTCUSD\"]]"),
        }));
    }

    [Test]
    public void CryptofeedV3EnvelopeIsUnescaped()
    {
        using var reader = FromText(
            "{\"t\":\"header\",\"format\":2}\n" +
            "{\"t\":\"connect\",\"conn\":\"B.ws.2\",\"ts\":1.5,\"addr\":\"wss://a\"}\n" +
            "{\"t\":\"recv\",\"conn\":\"B.ws.2\",\"ts\":1786310819.228447,\"data\":\"{\\\"a\\\":\\\"x\\\\\\\"y\\\"}\"}\n" +
            "{\"t\":\"send\",\"conn\":\"B.ws.3\",\"ts\":2,\"data\":\"[1]\"}\n");
        Assert.That(reader.Format, Is.EqualTo(CaptureFormat.CryptofeedV3));
        var records = ReadAll(reader);
        Assert.That(records[1], Is.EqualTo((1_500_000_000L, CaptureDirection.Connect, 0, "wss://a")));
        Assert.That(records[2], Is.EqualTo((1786310819_228447000L, CaptureDirection.Inbound, 0, "{\"a\":\"x\\\"y\"}")));
        Assert.That(records[3], Is.EqualTo((2_000_000_000L, CaptureDirection.Outbound, 1, "[1]")));
    }

    [Test]
    public void HftbacktestAndPlainLines()
    {
        using (var reader = FromText("1723161253937085768 {\"a\":1}\n1723161253937085769 {\"b\":2}"))
        {
            Assert.That(reader.Format, Is.EqualTo(CaptureFormat.Hftbacktest));
            Assert.That(ReadAll(reader)[1], Is.EqualTo((1723161253937085769L, CaptureDirection.Inbound, 0, "{\"b\":2}")));
        }

        using (var reader = FromText("[1,\"hb\"]\r\n\n{\"event\":\"info\"}\n"))
        {
            Assert.That(reader.Format, Is.EqualTo(CaptureFormat.FramePerLine));
            Assert.That(ReadAll(reader).Select(r => r.Frame), Is.EqualTo(PlainFrames));
        }
    }

    [Test]
    public void DoubleSemicolonFramesStraddlingBufferBoundariesAreSplit()
    {
        var frames = Enumerable.Range(0, 20_000).Select(i => $"[{i},[{i}.5,1,-0.25]]").ToArray();
        var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(Encoding.UTF8.GetBytes(string.Join(";;", frames)));
        }

        gz.Position = 0;
        using var reader = CaptureReader.Open(new GZipStream(gz, CompressionMode.Decompress));
        Assert.That(reader.Format, Is.EqualTo(CaptureFormat.DoubleSemicolon));
        Assert.That(ReadAll(reader).Select(r => r.Frame), Is.EqualTo(frames));
    }

    [Test]
    public void SharedBybitV3CaptureStreams()
    {
        using var reader = CaptureReader.Open(RequireShared.File("bybit/cryptofeed_v3_BYBIT.jsonl"));
        var inbound = 0;
        while (reader.TryRead(out var r))
        {
            if (r.Direction == CaptureDirection.Inbound)
            {
                inbound++;
                Assert.That(r.Frame.Span[0], Is.EqualTo((byte)'{'));
            }
        }

        Assert.That(inbound, Is.GreaterThan(0));
        Assert.That(reader.UnrecognizedLines, Is.Zero);
    }

    [Test]
    public void SharedHftbacktestCaptureStreams()
    {
        using var reader = CaptureReader.Open(RequireShared.File("binance/hftbacktest_spot_btcusdt_20240808.gz"));
        var count = 0;
        while (reader.TryRead(out var r))
        {
            count++;
            Assert.That(r.TimestampNanos, Is.GreaterThan(1_700_000_000_000_000_000L));
        }

        Assert.That(count, Is.EqualTo(41_249));
    }
}
