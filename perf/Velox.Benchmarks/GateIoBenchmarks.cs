using System.Text;
using BenchmarkDotNet.Attributes;
using Velox.Core.Instruments;
using Velox.Venues.GateIo.Session;

namespace Velox.Benchmarks;

/// <summary>
/// Parse + apply per <c>spot.order_book_update</c> diff through the whole session (envelope, id
/// bridge, fixed-point levels, book, handler). The shared recording holds only 172 diffs over ten
/// pairs, so the diffs are generated in its exact frame layout: 5 bids + 5 asks near the top of a
/// 100-level book, one in four a delete. Each invocation re-applies the snapshot first.
/// </summary>
[MemoryDiagnoser]
public class GateIoBenchmarks
{
    private const int Diffs = 20_000;

    private GateIoMarketDataSession _session = null!;
    private GateIoPair _pair = null!;
    private byte[] _snapshot = null!;
    private byte[][] _diffs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _session = new GateIoMarketDataSession(new InstrumentRegistry(), new GateIoSessionOptions { KeepLevelsBeyondSnapshot = true });
        _pair = _session.Subscribe("BTC_USDT");
        var snapshot = new StringBuilder("{\"id\":1000,\"current\":1619093533764,\"update\":1619093533700,\"asks\":[");
        for (var i = 0; i < 100; i++)
        {
            snapshot.Append($"[\"{55070.74 + (i * 0.01):0.00}\",\"0.0{i + 1}\"],");
        }

        snapshot.Length--;
        snapshot.Append("],\"bids\":[");
        for (var i = 0; i < 100; i++)
        {
            snapshot.Append($"[\"{55070.73 - (i * 0.01):0.00}\",\"0.0{i + 1}\"],");
        }

        snapshot.Length--;
        snapshot.Append("]}");
        _snapshot = Encoding.ASCII.GetBytes(snapshot.ToString());
        var random = new Random(1);
        _diffs = new byte[Diffs][];
        for (var i = 0; i < Diffs; i++)
        {
            var diff = new StringBuilder($"{{\"time\":1619093532,\"channel\":\"spot.order_book_update\",\"event\":\"update\",\"result\":{{\"t\":1619093532978,\"e\":\"depthUpdate\",\"E\":1619093532,\"s\":\"BTC_USDT\",\"U\":{1001 + i},\"u\":{1001 + i},\"b\":[");
            AppendLevels(diff, random, 55070.73, -0.01);
            diff.Append("],\"a\":[");
            AppendLevels(diff, random, 55070.74, 0.01);
            diff.Append("]}}");
            _diffs[i] = Encoding.ASCII.GetBytes(diff.ToString());
        }
    }

    [Benchmark(OperationsPerInvoke = Diffs)]
    public long ParseAndApplyDiff()
    {
        var session = _session;
        _pair.Book!.Reset();
        session.ApplySnapshot(_pair, _snapshot, 100, 0);
        foreach (var diff in _diffs)
        {
            session.ProcessFrame(diff, 0);
        }

        return session.Stats.BookUpdates;
    }

    private static void AppendLevels(StringBuilder diff, Random random, double top, double step)
    {
        for (var k = 0; k < 5; k++)
        {
            var size = random.Next(4) == 0 ? "0" : (random.Next(1, 1_000_000) / 1e6).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
            diff.Append($"[\"{top + (random.Next(30) * step):0.00}\",\"{size}\"]").Append(k < 4 ? "," : string.Empty);
        }
    }
}
