using BenchmarkDotNet.Attributes;
using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.Testing;
using Velox.Venues.Okx.Session;

namespace Velox.Benchmarks;

/// <summary>
/// Parse + apply + checksum per OKX <c>books</c> update message through the whole session (routing,
/// parser, fixed point, wire-text book, CRC-32 over the top 25), over the 287 real updates of
/// okx/cryptofeed_OKX.ws.1.0. Each pass first re-applies the 3 recorded snapshots (1,176 levels, amortized into
/// the per-update figure) so that every checksum verifies.
/// </summary>
[MemoryDiagnoser]
public class OkxBenchmarks
{
    private OkxMarketDataSession _session = null!;
    private byte[][] _snapshots = null!;
    private byte[][] _updates = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = SharedData.TryFind("okx/cryptofeed_OKX.ws.1.0", out var reason)
            ?? throw new InvalidOperationException(reason);
        _session = new OkxMarketDataSession(new InstrumentRegistry());
        var snapshots = new List<byte[]>();
        var updates = new List<byte[]>();
        using var reader = CaptureReader.Open(path);
        while (reader.TryRead(out var record))
        {
            if (record.Direction != CaptureDirection.Inbound)
            {
                continue;
            }

            var frame = record.Frame.Span;
            if (frame.IndexOf("\"action\":\"snapshot\""u8) >= 0)
            {
                snapshots.Add(frame.ToArray());
            }
            else if (frame.IndexOf("\"action\":\"update\""u8) >= 0)
            {
                updates.Add(frame.ToArray());
            }
            else
            {
                _session.ProcessFrame(frame, 0);
            }
        }

        _snapshots = [.. snapshots];
        _updates = [.. updates];
    }

    [Benchmark(OperationsPerInvoke = 287)]
    public long ParseApplyChecksum()
    {
        var session = _session;
        foreach (var snapshot in _snapshots)
        {
            session.ProcessFrame(snapshot, 0);
        }

        foreach (var update in _updates)
        {
            session.ProcessFrame(update, 0);
        }

        return session.Stats.ChecksumsVerified;
    }
}
