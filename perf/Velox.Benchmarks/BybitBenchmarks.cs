using BenchmarkDotNet.Attributes;
using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.Testing;
using Velox.Venues.Bybit;
using Velox.Venues.Bybit.Session;

namespace Velox.Benchmarks;

/// <summary>
/// Parse + apply per Bybit <c>orderbook.200</c> delta through the whole session (routing, parser, fixed
/// point, u continuity, book), over the 1,594 real deltas of the linear connection of
/// bybit/cryptofeed_v3_BYBIT.jsonl. Each pass first re-applies the 4 recorded snapshots (1,600 levels,
/// amortized into the per-update figure) so that u stays consecutive. Bybit books carry no checksum.
/// </summary>
[MemoryDiagnoser]
public class BybitBenchmarks
{
    private const int Deltas = 1594;

    private BybitMarketDataSession _session = null!;
    private byte[][] _snapshots = null!;
    private byte[][] _deltas = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = SharedData.TryFind("bybit/cryptofeed_v3_BYBIT.jsonl", out var reason)
            ?? throw new InvalidOperationException(reason);
        _session = new BybitMarketDataSession(new InstrumentRegistry(), BybitCategory.Linear);
        var snapshots = new List<byte[]>();
        var deltas = new List<byte[]>();
        using var reader = CaptureReader.Open(path);
        var linear = -1;
        while (reader.TryRead(out var record))
        {
            if (record.Direction == CaptureDirection.Connect && linear < 0)
            {
                linear = record.Connection;
            }

            if (record.Connection != linear)
            {
                continue;
            }

            var frame = record.Frame.Span;
            if (record.Direction == CaptureDirection.Outbound)
            {
                _session.Adopt(frame);
            }
            else if (record.Direction == CaptureDirection.Inbound && frame.IndexOf("\"topic\":\"orderbook."u8) >= 0)
            {
                (frame.IndexOf("\"type\":\"snapshot\""u8) >= 0 ? snapshots : deltas).Add(frame.ToArray());
            }
        }

        _snapshots = [.. snapshots];
        _deltas = [.. deltas];
        if (_deltas.Length != Deltas)
        {
            throw new InvalidOperationException($"expected {Deltas} deltas, found {_deltas.Length}");
        }
    }

    [Benchmark(OperationsPerInvoke = Deltas)]
    public long ParseApply()
    {
        var session = _session;
        foreach (var snapshot in _snapshots)
        {
            session.ProcessFrame(snapshot, 0);
        }

        foreach (var delta in _deltas)
        {
            session.ProcessFrame(delta, 0);
        }

        return session.Stats.BookDeltas;
    }
}
