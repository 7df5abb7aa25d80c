using System.Globalization;
using System.Text;
using System.Text.Json;
using Velox.PeerBench.Echo;
using Velox.PeerBench.Replay;

namespace Velox.PeerBench.Report;

/// <summary>Everything one run measured, written as peers.json (every figure) and peers.md (summary tables).</summary>
public sealed class PeerReport
{
    public required MachineFacts Machine { get; init; }

    public List<Comparison> Comparisons { get; } = [];

    public List<RoundTripResult> RoundTrips { get; } = [];

    /// <summary>Parts not run, with the reason.</summary>
    public List<string> Skipped { get; } = [];

    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;

    public byte[] ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("startedAt", StartedAt);
            w.WriteStartObject("machine");
            w.WriteString("cpuModel", Machine.CpuModel);
            w.WriteNumber("logicalCores", Machine.LogicalCores);
            w.WriteString("kernel", Machine.Kernel);
            w.WriteString("governor", Machine.Governor);
            w.WriteString("isolatedCores", Machine.IsolatedCores);
            w.WriteString("loadAverageStart", Machine.LoadAverageStart);
            w.WriteString("loadAverageEnd", Machine.LoadAverageEnd);
            w.WriteString("runtime", Machine.Runtime);
            w.WriteBoolean("nativeAot", Machine.NativeAot);
            w.WriteString("node", Machine.Node);
            w.WriteEndObject();
            w.WriteStartArray("throughput");
            foreach (var c in Comparisons)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("stream", c.Stream);
                WriteNullable(w, "ratioVeloxOverPeer", c.Ratio);
                if (c.TopsMatch is { } match)
                {
                    w.WriteBoolean("topOfBookMatches", match);
                }

                if (c.SkipReason is not null)
                {
                    w.WriteString("skipped", c.SkipReason);
                }

                WriteResult(w, "velox", c.Velox);
                WriteResult(w, "peer", c.Peer);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("roundTrips");
            foreach (var r in RoundTrips)
            {
                w.WriteStartObject();
                w.WriteString("pair", r.Pair);
                w.WriteString("client", r.Client);
                w.WriteString("server", r.Server);
                w.WriteNumber("samples", r.Samples);
                w.WriteNumber("p50Ns", r.P50Nanos);
                w.WriteNumber("p99Ns", r.P99Nanos);
                w.WriteNumber("p999Ns", r.P999Nanos);
                w.WriteNumber("minNs", r.MinNanos);
                w.WriteNumber("maxNs", r.MaxNanos);
                w.WriteNumber("meanNs", Math.Round(r.MeanNanos, 1));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("skipped");
            foreach (var s in Skipped)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public string ToMarkdown()
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# Velox vs peers");
        md.AppendLine();
        md.AppendLine(inv, $"{StartedAt:yyyy-MM-dd HH:mm} UTC — {Machine.CpuModel}, {Machine.LogicalCores} logical cores, kernel {Machine.Kernel}, governor {Machine.Governor}, isolated cores {Machine.IsolatedCores}; load average {Machine.LoadAverageStart} at start, {Machine.LoadAverageEnd} at end; {Machine.Runtime}{(Machine.NativeAot ? " (Native AOT)" : " (JIT)")}; node {Machine.Node}.");
        md.AppendLine();
        md.AppendLine("## Frame throughput (same frames on both sides)");
        md.AppendLine();
        md.AppendLine("| comparison | stream | Velox frames/s | peer frames/s | Velox / peer | alloc B/frame Velox / peer | checksums ok/bad Velox / peer | top of book equal |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var c in Comparisons)
        {
            if (c.SkipReason is not null && (c.Velox is null || c.Peer is null))
            {
                md.AppendLine(inv, $"| {c.Name} | {c.Stream} | {Rate(c.Velox)} | skipped | – | – | – | {c.SkipReason} |");
                continue;
            }

            md.AppendLine(inv, $"| {c.Name} | {c.Stream} | {Rate(c.Velox)} | {Rate(c.Peer)} | {(c.Ratio is { } ratio ? ratio.ToString("N1", inv) + "×" : "–")} | {Alloc(c.Velox)} / {Alloc(c.Peer)} | {Checks(c.Velox)} / {Checks(c.Peer)} | {(c.TopsMatch is { } m ? (m ? "yes" : "NO") : "–")} |");
        }

        md.AppendLine();
        md.AppendLine("## Round trip, small messages over loopback (one in flight)");
        md.AppendLine();
        md.AppendLine("| pair | client | server | round trips | p50 µs | p99 µs | p99.9 µs | max µs |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in RoundTrips)
        {
            md.AppendLine(inv, $"| {r.Pair} | {r.Client} | {r.Server} | {r.Samples:N0} | {r.P50Nanos / 1000.0:N1} | {r.P99Nanos / 1000.0:N1} | {r.P999Nanos / 1000.0:N1} | {r.MaxNanos / 1000.0:N1} |");
        }

        if (Skipped.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Skipped");
            md.AppendLine();
            foreach (var s in Skipped)
            {
                md.AppendLine(inv, $"- {s}");
            }
        }

        return md.ToString();

        static string Rate(ThroughputResult? r) => r is null ? "–" : r.FramesPerSecond.ToString("N0", CultureInfo.InvariantCulture);
        static string Alloc(ThroughputResult? r) => r is null || r.AllocatedBytes < 0 ? "n/a" : r.AllocatedBytesPerFrame.ToString("N1", CultureInfo.InvariantCulture);
        static string Checks(ThroughputResult? r) => r is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{r.ChecksumsVerified:N0}/{r.ChecksumMismatches:N0}");
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Math.Round(v, 3));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteResult(Utf8JsonWriter w, string name, ThroughputResult? r)
    {
        if (r is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("pipeline", r.Pipeline);
        w.WriteString("scenario", r.Scenario);
        w.WriteNumber("frames", r.Frames);
        w.WriteNumber("seconds", Math.Round(r.Seconds, 6));
        w.WriteNumber("passes", r.Passes);
        w.WriteNumber("framesPerSecond", Math.Round(r.FramesPerSecond, 1));
        if (r.AllocatedBytes >= 0)
        {
            w.WriteNumber("allocatedBytes", r.AllocatedBytes);
            w.WriteNumber("allocatedBytesPerFrame", Math.Round(r.AllocatedBytesPerFrame, 2));
        }

        w.WriteNumber("checksumsVerified", r.ChecksumsVerified);
        w.WriteNumber("checksumMismatches", r.ChecksumMismatches);
        w.WriteNumber("errors", r.Errors);
        w.WriteStartArray("topOfBook");
        foreach (var top in r.Tops)
        {
            w.WriteStringValue(top.ToString());
        }

        w.WriteEndArray();
        w.WriteString("notes", r.Notes);
        w.WriteEndObject();
    }
}
