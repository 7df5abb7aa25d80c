using System.Text;
using BenchmarkDotNet.Attributes;
using Velox.Core.Instruments;
using Velox.Venues.Mexc;
using Velox.Venues.Mexc.Session;

namespace Velox.Benchmarks;

/// <summary>
/// Parse + version check + apply per depth push through the whole MEXC session (spot protobuf
/// <c>PushDataV3ApiWrapper</c>/aggre.depth, futures JSON push.depth) over generated pushes that follow
/// the published layouts. No MEXC recording exists: these numbers are NOT from real traffic.
/// Each invocation re-applies the snapshot first, then the chained pushes.
/// </summary>
[MemoryDiagnoser]
public class MexcBenchmarks
{
    private const int Pushes = 4096;

    private MexcMarketDataSession _spot = null!;
    private MexcMarketDataSession _futures = null!;
    private byte[][] _spotPushes = null!;
    private byte[][] _futuresPushes = null!;
    private byte[] _spotSnapshot = null!;
    private byte[] _futuresSnapshot = null!;

    [GlobalSetup]
    public void Setup()
    {
        _spot = new MexcMarketDataSession(new InstrumentRegistry(), new MexcSessionOptions { KeepLevelsBeyondSnapshot = true });
        _spot.Subscribe("BTCUSDT");
        _futures = new MexcMarketDataSession(new InstrumentRegistry(), new MexcSessionOptions { Market = MexcMarket.Futures, KeepLevelsBeyondSnapshot = true });
        _futures.Subscribe("BTC_USDT");
        _spotSnapshot = Encoding.ASCII.GetBytes(Snapshot("{\"lastUpdateId\":100,", false));
        _futuresSnapshot = Encoding.ASCII.GetBytes(Snapshot("{\"success\":true,\"code\":0,\"data\":{\"version\":100,", true));
        _spotPushes = new byte[Pushes][];
        _futuresPushes = new byte[Pushes][];
        for (var i = 0; i < Pushes; i++)
        {
            var version = 101 + i;
            var bid = $"{61000 + (i % 40)}.{i % 100:00}";
            var ask = $"{61100 + (i % 40)}.{i % 100:00}";
            var size = i % 4 == 0 ? "0" : "0.35";
            _spotPushes[i] = SpotPush(version, bid, ask, size);
            _futuresPushes[i] = Encoding.ASCII.GetBytes(
                $"{{\"channel\":\"push.depth\",\"data\":{{\"asks\":[[{ask},{size},1]],\"bids\":[[{bid},{size},2]],\"version\":{version}}},\"symbol\":\"BTC_USDT\",\"ts\":1587442022003}}");
        }
    }

    [Benchmark(OperationsPerInvoke = Pushes)]
    public long SpotProtobufDepthPush() => Run(_spot, _spotSnapshot, _spotPushes);

    [Benchmark(OperationsPerInvoke = Pushes)]
    public long FuturesJsonDepthPush() => Run(_futures, _futuresSnapshot, _futuresPushes);

    private static long Run(MexcMarketDataSession session, byte[] snapshot, byte[][] pushes)
    {
        var symbol = session.Symbols[0]!;
        symbol.Depth.Reset();
        session.ApplySnapshot(symbol, snapshot, 0);
        foreach (var push in pushes)
        {
            session.ProcessFrame(push, 0);
        }

        return session.Stats.DepthUpdates;
    }

    private static string Snapshot(string head, bool futures)
    {
        var bids = new StringBuilder();
        var asks = new StringBuilder();
        for (var i = 0; i < 500; i++)
        {
            var sep = i == 0 ? string.Empty : ",";
            bids.Append(futures ? $"{sep}[{60999 - i}.5,1.25,1]" : $"{sep}[\"{60999 - i}.5\",\"1.25\"]");
            asks.Append(futures ? $"{sep}[{61200 + i}.5,1.25,1]" : $"{sep}[\"{61200 + i}.5\",\"1.25\"]");
        }

        return $"{head}\"bids\":[{bids}],\"asks\":[{asks}]}}" + (futures ? "}" : string.Empty);
    }

    // PushDataV3ApiWrapper { channel = 1; publicAggreDepths = 313 { asks = 1; bids = 2; eventType = 3; fromVersion = 4; toVersion = 5 }; symbol = 3; sendTime = 6 }.
    private static byte[] SpotPush(long version, string bid, string ask, string size)
    {
        var body = new List<byte>();
        Bytes(body, 1, Level(ask, size));
        Bytes(body, 2, Level(bid, size));
        Bytes(body, 3, Encoding.ASCII.GetBytes("spot@public.aggre.depth.v3.api.pb@100ms"));
        Bytes(body, 4, Encoding.ASCII.GetBytes(version.ToString()));
        Bytes(body, 5, Encoding.ASCII.GetBytes(version.ToString()));
        var wrapper = new List<byte>();
        Bytes(wrapper, 1, Encoding.ASCII.GetBytes("spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT"));
        Bytes(wrapper, 313, [.. body]);
        Bytes(wrapper, 3, "BTCUSDT"u8.ToArray());
        Varint(wrapper, (6 << 3) | 0);
        Varint(wrapper, 1736411507004);
        return [.. wrapper];
    }

    private static byte[] Level(string price, string size)
    {
        var item = new List<byte>();
        Bytes(item, 1, Encoding.ASCII.GetBytes(price));
        Bytes(item, 2, Encoding.ASCII.GetBytes(size));
        return [.. item];
    }

    private static void Bytes(List<byte> to, int field, byte[] payload)
    {
        Varint(to, ((ulong)field << 3) | 2);
        Varint(to, (ulong)payload.Length);
        to.AddRange(payload);
    }

    private static void Varint(List<byte> to, ulong value)
    {
        for (; value >= 0x80; value >>= 7)
        {
            to.Add((byte)(value | 0x80));
        }

        to.Add((byte)value);
    }
}
