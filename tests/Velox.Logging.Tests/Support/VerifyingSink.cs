using System.Text.Json;
using Velox.Core.Numerics;
using Velox.Logging.Sinks;

namespace Velox.Logging.Tests.Support;

/// <summary>
/// Parses every stress line as it arrives (on the writer thread) and checks it: valid JSON, all fields
/// consistent with the producer and sequence in the first two (so a torn record is caught), each
/// (producer, sequence) at most once and in producer order. Sums the log.dropped counts.
/// </summary>
internal sealed class VerifyingSink(int producers, int perProducer) : ILogSink
{
    private readonly long[] _next = new long[producers];
    private readonly bool[][] _seen = [.. Enumerable.Range(0, producers).Select(_ => new bool[perProducer])];

    public List<string> Failures { get; } = [];

    public long Delivered { get; private set; }

    public long ReportedDrops { get; private set; }

    public long Errors => 0;

    public static long Expected(long producer, long seq, int field) => (producer * 1_000_003) + (seq * 17) + field;

    public void Write(ReadOnlySpan<byte> line)
    {
        using var doc = JsonDocument.Parse(line.ToArray());
        var fields = doc.RootElement.GetProperty("fields");
        if (doc.RootElement.GetProperty("event").GetString() == "log.dropped")
        {
            ReportedDrops += fields.GetProperty("count").GetInt64();
            return;
        }

        var p = fields.GetProperty("p").GetInt64();
        var seq = fields.GetProperty("s").GetInt64();
        for (var i = 2; i < LogCatalog.MaxFields; i++)
        {
            var expected = FixedPoint.ToString(Expected(p, seq, i), i % 19);
            var actual = fields.GetProperty($"v{i}").GetRawText();
            if (actual != expected)
            {
                Fail($"torn record p={p} s={seq} v{i}={actual}, expected {expected}");
            }
        }

        if (_seen[p][seq])
        {
            Fail($"duplicate p={p} s={seq}");
        }

        if (seq < _next[p])
        {
            Fail($"out of order p={p} s={seq} after {_next[p] - 1}");
        }

        _seen[p][seq] = true;
        _next[p] = seq + 1;
        Delivered++;
    }

    public void Flush()
    {
    }

    public void Dispose()
    {
    }

    private void Fail(string failure)
    {
        if (Failures.Count < 20)
        {
            Failures.Add(failure);
        }
    }
}
