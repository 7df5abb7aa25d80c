using System.Text;
using BenchmarkDotNet.Attributes;
using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.Testing;
using Velox.Venues.Binance.Session;

namespace Velox.Benchmarks;

/// <summary>
/// Parse + apply per depth diff through the whole session (envelope, id bridge, fixed-point levels,
/// book, handler) over the real BTCUSDT spot diffs of the hftbacktest capture (generated when the
/// shared data is absent). Each invocation re-applies the 2,000-level snapshot first.
/// </summary>
[MemoryDiagnoser]
public class BinanceBenchmarks
{
    private const int MaxDiffs = 3449;

    private BinanceMarketDataSession _session = null!;
    private BinanceSymbol _symbol = null!;
    private byte[] _snapshot = null!;
    private byte[][] _diffs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _session = new BinanceMarketDataSession(new InstrumentRegistry(), new BinanceSessionOptions { KeepLevelsBeyondSnapshot = true });
        _symbol = _session.Subscribe("BTCUSDT", Venues.Binance.Requests.BinanceStreams.Depth);
        var path = SharedData.TryFind("binance/hftbacktest_spot_btcusdt_20240808.gz", out _);
        if (path is null)
        {
            Generate();
        }
        else
        {
            Load(path);
        }
    }

    [Benchmark(OperationsPerInvoke = MaxDiffs)]
    public long ParseAndApplyDiff()
    {
        var session = _session;
        _symbol.Depth!.Reset();
        session.ApplySnapshot(_symbol, _snapshot, 0, 0);
        foreach (var diff in _diffs)
        {
            session.ProcessFrame(diff, 0);
        }

        return session.Stats.DepthUpdates;
    }

    private void Load(string path)
    {
        using var reader = CaptureReader.Open(path);
        var diffs = new List<byte[]>(MaxDiffs);
        long lastUpdateId = 0;
        while (diffs.Count < MaxDiffs && reader.TryRead(out var record))
        {
            var frame = record.Frame.Span;
            if (frame.StartsWith("{\"lastUpdateId\":"u8))
            {
                _snapshot = frame.ToArray();
                lastUpdateId = long.Parse(Encoding.ASCII.GetString(frame[16..frame.IndexOf((byte)',')]), System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (lastUpdateId > 0 && frame.IndexOf("\"depthUpdate\""u8) >= 0)
            {
                diffs.Add(frame.ToArray());
            }
        }

        _diffs = [.. diffs];
    }

    private void Generate()
    {
        var snapshot = new StringBuilder("{\"lastUpdateId\":1000,\"bids\":[");
        for (var i = 0; i < 1000; i++)
        {
            snapshot.Append($"[\"{61837.63 - (i * 0.01):0.00}000000\",\"0.50000000\"],");
        }

        snapshot.Length--;
        snapshot.Append("],\"asks\":[");
        for (var i = 0; i < 1000; i++)
        {
            snapshot.Append($"[\"{61837.64 + (i * 0.01):0.00}000000\",\"0.50000000\"],");
        }

        snapshot.Length--;
        snapshot.Append("]}");
        _snapshot = Encoding.ASCII.GetBytes(snapshot.ToString());
        var random = new Random(1);
        _diffs = new byte[MaxDiffs][];
        for (var i = 0; i < MaxDiffs; i++)
        {
            var diff = new StringBuilder($"{{\"stream\":\"btcusdt@depth@100ms\",\"data\":{{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":{1001 + i},\"u\":{1001 + i},\"b\":[");
            for (var k = 0; k < 10; k++)
            {
                diff.Append($"[\"{61837.63 - (random.Next(200) * 0.01):0.00}000000\",\"{(random.Next(3) == 0 ? 0 : random.Next(1, 100000) / 1e5):0.00000}000\"],");
            }

            diff.Length--;
            diff.Append("],\"a\":[");
            for (var k = 0; k < 10; k++)
            {
                diff.Append($"[\"{61837.64 + (random.Next(200) * 0.01):0.00}000000\",\"{(random.Next(3) == 0 ? 0 : random.Next(1, 100000) / 1e5):0.00000}000\"],");
            }

            diff.Length--;
            diff.Append("]}}");
            _diffs[i] = Encoding.ASCII.GetBytes(diff.ToString());
        }
    }
}
