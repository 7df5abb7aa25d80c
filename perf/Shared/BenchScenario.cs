using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Velox.Core.Metrics;

namespace Velox.Perf;

/// <summary>
/// One benchmark scenario's measurements in the scenario JSON contract ("velox-bench-scenario/1", described
/// in perf/BENCH-REPORT.md): latency histograms (lossless buckets plus summary and HdrHistogram percentile
/// rows), named figures, ratios with their floors, and the conditions (tool, load, runtime). Every tool that
/// measures writes one file per scenario; Velox.BenchReport merges them into the report.
/// </summary>
internal sealed class BenchScenario
{
    public const string Schema = "velox-bench-scenario/1";

    /// <summary>Percentiles every histogram summary carries.</summary>
    public static readonly double[] SummaryPercentiles = [50, 90, 99, 99.9, 99.99];

    /// <summary>Unique, file-name safe (lower case letters, digits, '-', '.'): the file is &lt;id&gt;.json.</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>The command that produced it.</summary>
    public string Tool { get; init; } = string.Empty;

    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;

    public string LoadAverageStart { get; init; } = HostFacts.LoadAverage();

    public string LoadAverageEnd { get; set; } = string.Empty;

    public string Runtime { get; init; } = HostFacts.Runtime();

    public List<string> Notes { get; init; } = [];

    public List<BenchHistogram> Histograms { get; init; } = [];

    public List<BenchFigure> Figures { get; init; } = [];

    public List<BenchRatio> Ratios { get; init; } = [];

    /// <summary>Writes &lt;directory&gt;/&lt;id&gt;.json (load average at the end taken now if not set) and returns the path.</summary>
    public string Write(string directory)
    {
        if (LoadAverageEnd.Length == 0)
        {
            LoadAverageEnd = HostFacts.LoadAverage();
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Id + ".json");
        File.WriteAllBytes(path, ToJson());
        return path;
    }

    public byte[] ToJson()
    {
        if (!IsValidId(Id))
        {
            throw new InvalidOperationException($"scenario id '{Id}' is not file-name safe (a-z, 0-9, '-', '.')");
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteString("id", Id);
            w.WriteString("title", Title);
            w.WriteString("tool", Tool);
            w.WriteString("startedAt", StartedAt);
            w.WriteString("loadAverageStart", LoadAverageStart);
            w.WriteString("loadAverageEnd", LoadAverageEnd);
            w.WriteString("runtime", Runtime);
            w.WriteStartArray("notes");
            foreach (var note in Notes)
            {
                w.WriteStringValue(note);
            }

            w.WriteEndArray();
            w.WriteStartArray("histograms");
            foreach (var h in Histograms)
            {
                h.WriteTo(w);
            }

            w.WriteEndArray();
            w.WriteStartArray("figures");
            foreach (var f in Figures)
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteNumber("value", Round(f.Value));
                w.WriteString("unit", f.Unit);
                if (f.Note is not null)
                {
                    w.WriteString("note", f.Note);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("ratios");
            foreach (var r in Ratios)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                w.WriteNumber("value", Round(r.Value));
                if (r.Floor is { } floor)
                {
                    w.WriteNumber("floor", floor);
                    w.WriteString("floorKey", r.FloorKey);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a scenario file; <see cref="FormatException"/> says what is wrong with it.</summary>
    public static BenchScenario Parse(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8);
            var root = document.RootElement;
            var schema = Text(root, "schema");
            if (schema != Schema)
            {
                throw new FormatException($"schema is '{schema}', expected '{Schema}'");
            }

            var scenario = new BenchScenario
            {
                Id = Text(root, "id"),
                Title = Text(root, "title"),
                Tool = OptionalText(root, "tool") ?? string.Empty,
                StartedAt = root.TryGetProperty("startedAt", out var started) ? started.GetDateTimeOffset() : default,
                LoadAverageStart = OptionalText(root, "loadAverageStart") ?? "unknown",
                LoadAverageEnd = OptionalText(root, "loadAverageEnd") ?? "unknown",
                Runtime = OptionalText(root, "runtime") ?? "unknown",
            };
            if (!IsValidId(scenario.Id))
            {
                throw new FormatException($"id '{scenario.Id}' is not file-name safe (a-z, 0-9, '-', '.')");
            }

            foreach (var note in Array(root, "notes"))
            {
                scenario.Notes.Add(note.GetString() ?? string.Empty);
            }

            foreach (var h in Array(root, "histograms"))
            {
                scenario.Histograms.Add(BenchHistogram.Read(h));
            }

            foreach (var f in Array(root, "figures"))
            {
                scenario.Figures.Add(new BenchFigure(Text(f, "name"), Number(f, "value"), OptionalText(f, "unit") ?? string.Empty, OptionalText(f, "note")));
            }

            foreach (var r in Array(root, "ratios"))
            {
                scenario.Ratios.Add(new BenchRatio(Text(r, "name"), Number(r, "value"), r.TryGetProperty("floor", out var floor) ? floor.GetDouble() : null, OptionalText(r, "floorKey")));
            }

            return scenario;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw new FormatException(e.Message, e);
        }
    }

    public static bool IsValidId(string id) =>
        id.Length > 0 && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.') && id[0] != '.';

    internal static double Round(double value) => Math.Round(value, 3);

    internal static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : throw new FormatException($"missing string '{name}'");

    internal static string? OptionalText(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    internal static double Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : throw new FormatException($"missing number '{name}'");

    internal static JsonElement.ArrayEnumerator Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Array ? p.EnumerateArray() : throw new FormatException($"missing array '{name}'");
}

/// <summary>A named figure (frames/s, ns/op, bytes/op ...).</summary>
internal sealed record BenchFigure(string Name, double Value, string Unit, string? Note = null);

/// <summary>A ratio (Velox over a peer) and, when gated, its floor from perf/gates.json.</summary>
internal sealed record BenchRatio(string Name, double Value, double? Floor = null, string? FloorKey = null)
{
    public bool? MeetsFloor => Floor is { } floor ? Value >= floor : null;
}

/// <summary>
/// A latency histogram in the contract: the exact summary (count, min, max, sum, mean, percentiles as
/// measured) and the non-empty buckets as [lowest value, count] pairs, from which <see cref="Histogram"/> is
/// rebuilt exactly (for the HdrHistogram text and the plot).
/// </summary>
internal sealed class BenchHistogram
{
    private BenchHistogram(string name, string unit, LatencyHistogram histogram)
    {
        Name = name;
        Unit = unit;
        Histogram = histogram;
    }

    public string Name { get; }

    /// <summary>"ns" for every Velox tool.</summary>
    public string Unit { get; }

    public LatencyHistogram Histogram { get; }

    public long Count { get; private init; }

    public long Min { get; private init; }

    public long Max { get; private init; }

    public double Mean { get; private init; }

    public double StdDeviation { get; private init; }

    /// <summary>(percentile 0..100, value) for <see cref="BenchScenario.SummaryPercentiles"/>.</summary>
    public IReadOnlyList<(double Percentile, long Value)> Percentiles { get; private init; } = [];

    public static BenchHistogram From(string name, LatencyHistogram histogram, string unit = "ns") => new(name, unit, histogram)
    {
        Count = histogram.Count,
        Min = histogram.Count == 0 ? 0 : histogram.Min,
        Max = histogram.Max,
        Mean = histogram.Mean,
        StdDeviation = histogram.StdDeviation,
        Percentiles = [.. BenchScenario.SummaryPercentiles.Select(p => (p, histogram.ValueAtPercentile(p)))],
    };

    public long ValueAt(double percentile) => Percentiles.FirstOrDefault(p => p.Percentile == percentile).Value;

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("name", Name);
        w.WriteString("unit", Unit);
        w.WriteNumber("count", Count);
        w.WriteNumber("min", Min);
        w.WriteNumber("max", Max);
        w.WriteNumber("sum", Histogram.Sum);
        w.WriteNumber("mean", BenchScenario.Round(Mean));
        w.WriteNumber("stdDeviation", BenchScenario.Round(StdDeviation));
        w.WriteStartObject("percentiles");
        foreach (var (p, v) in Percentiles)
        {
            w.WriteNumber(p.ToString(CultureInfo.InvariantCulture), v);
        }

        w.WriteEndObject();

        // HdrHistogram's percentile rows (5 ticks per half distance): [value, percentile 0..100, total count].
        w.WriteStartArray("distribution");
        foreach (var point in HdrPercentileDistribution.Iterate(Histogram))
        {
            w.WriteStartArray();
            w.WriteNumberValue(point.Value);
            w.WriteNumberValue(point.Percentile);
            w.WriteNumberValue(point.TotalCount);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteStartArray("buckets");
        for (var i = 0; i < LatencyHistogram.IndexCount; i++)
        {
            if (Histogram.CountAtIndex(i) is var count and not 0)
            {
                w.WriteStartArray();
                w.WriteNumberValue(LatencyHistogram.BucketLowerBound(i));
                w.WriteNumberValue(count);
                w.WriteEndArray();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static BenchHistogram Read(JsonElement e)
    {
        var histogram = new LatencyHistogram();
        foreach (var pair in BenchScenario.Array(e, "buckets"))
        {
            if (pair.GetArrayLength() != 2)
            {
                throw new FormatException("a bucket is [lowest value, count]");
            }

            histogram.Record(pair[0].GetInt64(), pair[1].GetInt64());
        }

        var count = (long)BenchScenario.Number(e, "count");
        if (count != histogram.Count)
        {
            throw new FormatException($"histogram '{BenchScenario.OptionalText(e, "name")}': count {count} but its buckets hold {histogram.Count}");
        }

        var min = (long)BenchScenario.Number(e, "min");
        var max = (long)BenchScenario.Number(e, "max");
        if (count > 0 && !histogram.TryRestoreTotals(min, max, (long)BenchScenario.Number(e, "sum")))
        {
            throw new FormatException($"histogram '{BenchScenario.OptionalText(e, "name")}': min, max or sum do not fit its buckets");
        }

        var percentiles = new List<(double, long)>();
        if (e.TryGetProperty("percentiles", out var ps) && ps.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in ps.EnumerateObject())
            {
                percentiles.Add((double.Parse(p.Name, CultureInfo.InvariantCulture), p.Value.GetInt64()));
            }
        }

        return new BenchHistogram(BenchScenario.Text(e, "name"), BenchScenario.OptionalText(e, "unit") ?? "ns", histogram)
        {
            Count = count,
            Min = min,
            Max = max,
            Mean = BenchScenario.Number(e, "mean"),
            StdDeviation = e.TryGetProperty("stdDeviation", out var sd) ? sd.GetDouble() : histogram.StdDeviation,
            Percentiles = percentiles,
        };
    }
}
