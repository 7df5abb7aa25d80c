using BenchmarkDotNet.Attributes;
using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.Testing;
using Velox.Venues.Coinbase.Session;

namespace Velox.Benchmarks;

/// <summary>
/// Parse + apply per l2update frame through the whole session (top-level object scan, product lookup,
/// fixed-point, full-depth book, handler) over the real updates of the shared Coinbase recording
/// (level2 has no checksum to compute).
/// </summary>
[MemoryDiagnoser]

// IterationSetup means one invoke per iteration: without more warm-up the short job measures tier-0 code.
[WarmupCount(30)]
public class CoinbaseBenchmarks
{
    private CoinbaseMarketDataSession _session = null!;
    private byte[][] _snapshots = null!;
    private byte[][] _updates = null!;

    [GlobalSetup]
    public void Setup()
    {
        _session = new CoinbaseMarketDataSession(new InstrumentRegistry());
        var path = SharedData.TryFind("coinbase/cryptofeed_COINBASE.ws.28.0", out var reason)
            ?? throw new InvalidOperationException(reason);
        var snapshots = new List<byte[]>();
        var updates = new List<byte[]>();
        using var reader = CaptureReader.Open(path);
        while (reader.TryRead(out var record))
        {
            var frame = record.Frame.Span;
            if (record.Direction != CaptureDirection.Inbound)
            {
                continue;
            }

            if (frame.StartsWith("{\"type\":\"subscriptions\""u8))
            {
                _session.ProcessFrame(frame, 0);
            }
            else if (frame.StartsWith("{\"type\":\"snapshot\""u8))
            {
                snapshots.Add(frame.ToArray());
            }
            else if (frame.StartsWith("{\"type\":\"l2update\""u8))
            {
                updates.Add(frame.ToArray());
            }
        }

        _snapshots = [.. snapshots];
        _updates = [.. updates];
    }

    /// <summary>The recorded updates only make sense on the books their snapshots built: rebuild them outside the measurement.</summary>
    [IterationSetup]
    public void RebuildBooks()
    {
        foreach (var snapshot in _snapshots)
        {
            _session.ProcessFrame(snapshot, 0);
        }
    }

    /// <summary>One operation = one recorded l2update frame (9,719 per invoke).</summary>
    [Benchmark(OperationsPerInvoke = 9_719)]
    public long ParseAndApply()
    {
        var session = _session;
        foreach (var update in _updates)
        {
            session.ProcessFrame(update, 0);
        }

        return session.Stats.BookUpdates;
    }
}
