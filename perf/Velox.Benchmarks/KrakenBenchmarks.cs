using BenchmarkDotNet.Attributes;
using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.Testing;
using Velox.Venues.Kraken.Session;

namespace Velox.Benchmarks;

/// <summary>
/// Parse + apply + truncate + checksum per Kraken book update frame through the whole session
/// (channelID lookup, parser, fixed point, wire-text book, CRC-32 over the top 10 + 10), over the 4,269
/// real updates of kraken/cryptofeed_KRAKEN.ws.50.0. Each pass first re-applies the 10 recorded
/// snapshots (7,473 levels, amortized into the per-update figure) so that every checksum verifies.
/// </summary>
[MemoryDiagnoser]
public class KrakenBenchmarks
{
    private KrakenMarketDataSession _session = null!;
    private byte[][] _snapshots = null!;
    private byte[][] _updates = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = SharedData.TryFind("kraken/cryptofeed_KRAKEN.ws.50.0", out var reason)
            ?? throw new InvalidOperationException(reason);
        _session = new KrakenMarketDataSession(new InstrumentRegistry());
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
            if (frame[0] == (byte)'{')
            {
                _session.ProcessFrame(frame, 0);
            }
            else if (frame.IndexOf("{\"as\""u8) >= 0)
            {
                snapshots.Add(frame.ToArray());
            }
            else
            {
                updates.Add(frame.ToArray());
            }
        }

        _snapshots = [.. snapshots];
        _updates = [.. updates];
    }

    [Benchmark(OperationsPerInvoke = 4269)]
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
