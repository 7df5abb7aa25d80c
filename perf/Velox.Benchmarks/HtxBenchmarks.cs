using BenchmarkDotNet.Attributes;
using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.Testing;
using Velox.Venues.Htx.Compression;
using Velox.Venues.Htx.Session;

namespace Velox.Benchmarks;

/// <summary>
/// Per depth.step0 push of the shared HTX recording: gzip inflate (allocation-free decoder, CRC-32
/// verified) + parse + replace the 150-level book, through the whole session.
/// </summary>
[MemoryDiagnoser]
public class HtxBenchmarks
{
    private readonly GzipInflater _inflater = new();
    private HtxMarketDataSession _session = null!;
    private byte[][] _pushes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _session = new HtxMarketDataSession(new InstrumentRegistry());
        var path = SharedData.TryFind("htx/cryptofeed_HUOBI.ws.44.0", out var reason)
            ?? throw new InvalidOperationException(reason);
        var pushes = new List<byte[]>();
        var buffer = new byte[1 << 16];
        using var reader = CaptureReader.Open(path);
        while (reader.TryRead(out var record))
        {
            if (record.Direction != CaptureDirection.Inbound || !CaptureBinaryFrames.TryGetFrame(in record, ref buffer, out var frame))
            {
                continue;
            }

            // Acks register the topics; depth pushes are the benchmark's input.
            if (_session.ProcessFrame(frame, 0) == FrameOutcome.BookSnapshot)
            {
                pushes.Add(frame.ToArray());
            }
        }

        _pushes = [.. pushes];
    }

    /// <summary>One operation = one recorded depth push (292 per invoke); a reconnect first restarts the version check.</summary>
    [Benchmark(OperationsPerInvoke = 292)]
    public long InflateParseAndReplaceBook()
    {
        var session = _session;
        session.OnConnected();
        session.Outbound.Clear();
        foreach (var push in _pushes)
        {
            session.ProcessFrame(push, 0);
        }

        return session.Stats.DepthSnapshots;
    }

    /// <summary>The inflate share of the above: one operation = one recorded depth push decompressed.</summary>
    [Benchmark(OperationsPerInvoke = 292)]
    public int InflateOnly()
    {
        var bytes = 0;
        foreach (var push in _pushes)
        {
            _inflater.TryInflate(push, out var json);
            bytes += json.Length;
        }

        return bytes;
    }
}
