using System.Text;
using BenchmarkDotNet.Attributes;
using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.Testing;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Benchmarks;

/// <summary>
/// Parse + apply per book update frame through the whole session (chanId lookup, parser, fixed-point,
/// book, handler), over real tBTCUSD P0 updates from the Marfusios dump (generated when the shared
/// data is absent).
/// </summary>
[MemoryDiagnoser]
public class BitfinexParseBenchmarks
{
    private const int Updates = 20_000;

    private BitfinexMarketDataSession _session = null!;
    private byte[] _snapshot = null!;
    private byte[][] _frames = null!;

    [GlobalSetup]
    public void Setup()
    {
        _session = new BitfinexMarketDataSession(new InstrumentRegistry());
        var path = SharedData.TryFind("bitfinex/marfusios_bitfinex_raw_2018-11-12.txt.gz", out _);
        if (path is null)
        {
            Generate();
        }
        else
        {
            LoadFromDump(path);
        }

        _session.ProcessFrame(_snapshot, 0);
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public long ParseAndApply()
    {
        var session = _session;
        session.ProcessFrame(_snapshot, 0);
        foreach (var frame in _frames)
        {
            session.ProcessFrame(frame, 0);
        }

        return session.Stats.BookUpdates;
    }

    private void LoadFromDump(string path)
    {
        using var reader = CaptureReader.Open(path);
        var frames = new List<byte[]>(Updates);
        var bookChannel = "[81568,"u8;
        while (frames.Count < Updates && reader.TryRead(out var record))
        {
            var frame = record.Frame.Span;
            if (frame[0] == (byte)'{')
            {
                _session.ProcessFrame(frame, 0);
            }
            else if (frame.StartsWith(bookChannel))
            {
                if (frame[bookChannel.Length + 1] == (byte)'[')
                {
                    _snapshot = frame.ToArray();
                }
                else if (frame[bookChannel.Length] == (byte)'[')
                {
                    frames.Add(frame.ToArray());
                }
            }
        }

        _frames = [.. frames];
    }

    private void Generate()
    {
        _session.ProcessFrame("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":81568,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"100\"}"u8, 0);
        var snapshot = new StringBuilder("[81568,[");
        for (var i = 0; i < 100; i++)
        {
            snapshot.Append($"[{6443 - (i * 0.1):0.0},2,1.5],[{6443.1 + (i * 0.1):0.0},3,-0.75],");
        }

        snapshot.Length--;
        snapshot.Append("]]");
        _snapshot = Encoding.ASCII.GetBytes(snapshot.ToString());
        var random = new Random(1);
        _frames = new byte[Updates][];
        for (var i = 0; i < Updates; i++)
        {
            var bid = random.Next(2) == 0;
            var depth = (int)Math.Min(99, -Math.Log(1 - random.NextDouble()) * 5);
            var price = bid ? 6443 - (depth * 0.1) : 6443.1 + (depth * 0.1);
            var count = random.Next(4) == 0 ? 0 : random.Next(1, 9);
            var amount = count == 0 ? 1 : random.Next(1, 100_000_000) / 1e8;
            _frames[i] = Encoding.ASCII.GetBytes($"[81568,[{price:0.0},{count},{(bid ? "" : "-")}{amount}]]");
        }
    }
}
