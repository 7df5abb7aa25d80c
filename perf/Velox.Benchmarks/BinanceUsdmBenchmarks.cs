using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.Testing;
using Velox.Venues.Binance;
using Velox.Venues.Binance.Session;

namespace Velox.Benchmarks;

/// <summary>
/// Parse + apply per USD-M futures depth diff through the whole session (envelope, <c>pu</c> continuity,
/// fixed-point levels, book) over the real BTCUSDT diffs of the hftbacktest USD-M capture from the one that
/// bridges its first REST snapshot on. Each invocation re-applies that snapshot first.
/// </summary>
[MemoryDiagnoser]
public class BinanceUsdmBenchmarks
{
    private const int Diffs = 4000;

    private BinanceMarketDataSession _session = null!;
    private BinanceSymbol _symbol = null!;
    private byte[] _snapshot = null!;
    private byte[][] _diffs = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = SharedData.TryFind("binance/hftbacktest_usdm_btcusdt_20240808.gz", out var reason)
            ?? throw new InvalidOperationException(reason);
        _session = new BinanceMarketDataSession(new InstrumentRegistry(), new BinanceSessionOptions { Market = BinanceMarket.UsdmFutures, KeepLevelsBeyondSnapshot = true });
        _symbol = _session.Subscribe("BTCUSDT", Venues.Binance.Requests.BinanceStreams.Depth);
        using var reader = CaptureReader.Open(path);
        var diffs = new List<byte[]>(Diffs);
        var beforeSnapshot = new List<byte[]>();
        long lastUpdateId = 0;
        while (diffs.Count < Diffs && reader.TryRead(out var record))
        {
            var frame = record.Frame.Span;
            if (lastUpdateId == 0 && frame.StartsWith("{\"lastUpdateId\":"u8))
            {
                _snapshot = frame.ToArray();
                lastUpdateId = long.Parse(Encoding.ASCII.GetString(frame[16..frame.IndexOf((byte)',')]), CultureInfo.InvariantCulture);

                // The diff that bridges the snapshot may have arrived before it.
                diffs.AddRange(beforeSnapshot.Where(d => FinalUpdateId(d) >= lastUpdateId));
            }
            else if (frame.IndexOf("\"depthUpdate\""u8) >= 0)
            {
                if (lastUpdateId == 0)
                {
                    beforeSnapshot.Add(frame.ToArray());
                }
                else if (FinalUpdateId(frame) >= lastUpdateId)
                {
                    diffs.Add(frame.ToArray());
                }
            }
        }

        if (diffs.Count < Diffs)
        {
            throw new InvalidOperationException($"{path}: {diffs.Count} diffs after the first snapshot, {Diffs} expected");
        }

        _diffs = [.. diffs];
        var applied = ParseAndApplyDiff();
        if (applied < Diffs || _session.Stats.Gaps != 0)
        {
            throw new InvalidOperationException($"{path}: {applied} diffs applied, {_session.Stats.Gaps} gaps; the benchmark would not measure the in-sync path");
        }
    }

    [Benchmark(OperationsPerInvoke = Diffs)]
    public long ParseAndApplyDiff()
    {
        var session = _session;
        _symbol.Depth!.Reset();
        session.ApplySnapshot(_symbol, _snapshot, 0, 0);
        var before = session.Stats.DepthUpdates;
        foreach (var diff in _diffs)
        {
            session.ProcessFrame(diff, 0);
        }

        return session.Stats.DepthUpdates - before;
    }

    private static long FinalUpdateId(ReadOnlySpan<byte> frame)
    {
        var start = frame.IndexOf("\"u\":"u8) + 4;
        var length = frame[start..].IndexOf((byte)',');
        return long.Parse(Encoding.ASCII.GetString(frame.Slice(start, length)), CultureInfo.InvariantCulture);
    }
}
