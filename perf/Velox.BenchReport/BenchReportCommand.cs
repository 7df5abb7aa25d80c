using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Velox.Core.Metrics;
using Velox.Perf;

namespace Velox.BenchReport;

/// <summary>
/// Merges the scenario files of one bench run into report.md (tables), latency.svg (percentile curves),
/// report.json (machine facts + every scenario verbatim) and hgrm/&lt;scenario&gt;.&lt;histogram&gt;.hgrm
/// (HdrHistogram text). Every number comes from a scenario file; none is typed here.
/// </summary>
public static class BenchReportCommand
{
    public const string ReportSchema = "velox-bench-report/1";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        BenchReportOptions options;
        try
        {
            options = BenchReportOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"Velox.BenchReport: {e.Message}");
            error.WriteLine(BenchReportOptions.Usage);
            return 2;
        }

        if (!Directory.Exists(options.ScenarioDir))
        {
            error.WriteLine($"Velox.BenchReport: scenario folder {options.ScenarioDir} does not exist");
            return 2;
        }

        if (options.BdnResults is not null && BdnImport.Import(options.BdnResults, options.BdnLoad) is { } bdn)
        {
            output.WriteLine($"imported BenchmarkDotNet results into {bdn.Write(options.ScenarioDir)}");
        }

        var scenarios = new List<(BenchScenario Scenario, byte[] Json)>();
        var invalid = new List<(string File, string Error)>();
        foreach (var file in Directory.GetFiles(options.ScenarioDir, "*.json").Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            try
            {
                var scenario = BenchScenario.Parse(bytes);
                if (Path.GetFileNameWithoutExtension(file) != scenario.Id)
                {
                    throw new FormatException($"id '{scenario.Id}' does not match the file name");
                }

                scenarios.Add((scenario, bytes));
            }
            catch (FormatException e)
            {
                invalid.Add((Path.GetFileName(file), e.Message));
                error.WriteLine($"Velox.BenchReport: invalid scenario file {file}: {e.Message}");
            }
        }

        Directory.CreateDirectory(options.OutDir);
        var machine = Machine(options.RepositoryRoot);
        var hgrm = WriteHgrm(options.OutDir, scenarios.Select(s => s.Scenario));
        File.WriteAllText(Path.Combine(options.OutDir, "latency.svg"), LatencyPlot.Render(Curves(scenarios.Select(s => s.Scenario))));
        File.WriteAllBytes(Path.Combine(options.OutDir, "report.json"), Json(options, machine, scenarios, invalid));
        var markdown = Markdown(options, machine, [.. scenarios.Select(s => s.Scenario)], invalid, hgrm);
        File.WriteAllText(Path.Combine(options.OutDir, "report.md"), markdown);
        output.WriteLine($"wrote {Path.Combine(options.OutDir, "report.md")}, report.json, latency.svg and {hgrm.Count} hgrm file(s) from {scenarios.Count} scenario(s)");
        var belowFloor = scenarios.SelectMany(s => s.Scenario.Ratios.Where(r => r.MeetsFloor == false).Select(r => $"{s.Scenario.Id}: {r.Name} = {r.Value.ToString("N2", CultureInfo.InvariantCulture)} is below its floor {r.Floor?.ToString(CultureInfo.InvariantCulture)} ({r.FloorKey})")).ToList();
        foreach (var line in belowFloor)
        {
            error.WriteLine($"Velox.BenchReport: ratio below floor: {line}");
        }

        return invalid.Count == 0 && belowFloor.Count == 0 ? 0 : 1;
    }

    private static List<(string Fact, string Value)> Machine(string repository) =>
    [
        ("CPU", HostFacts.CpuModel()),
        ("logical cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
        ("kernel", HostFacts.Kernel()),
        ("isolated cores (/sys/devices/system/cpu/isolated)", HostFacts.IsolatedCores()),
        ("cpufreq governor", HostFacts.Governor()),
        ("load average when the report was made", HostFacts.LoadAverage()),
        (".NET runtime of the report tool", HostFacts.Runtime()),
        ("git commit", HostFacts.GitCommit(repository)),
    ];

    private static List<LatencyPlot.Curve> Curves(IEnumerable<BenchScenario> scenarios) =>
        [.. scenarios.SelectMany(s => s.Histograms.Where(h => h.Unit == "ns" && h.Count > 0).Select(h => new LatencyPlot.Curve($"{s.Id} {h.Name}", h.Histogram, h.Max)))];

    private static List<string> WriteHgrm(string outDir, IEnumerable<BenchScenario> scenarios)
    {
        var dir = Path.Combine(outDir, "hgrm");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        var written = new List<string>();
        foreach (var scenario in scenarios)
        {
            foreach (var h in scenario.Histograms.Where(h => h.Count > 0))
            {
                Directory.CreateDirectory(dir);
                var name = $"{scenario.Id}.{Safe(h.Name)}.hgrm";
                File.WriteAllText(Path.Combine(dir, name), HdrPercentileDistribution.Format(h.Histogram, valueScale: 1000.0));
                written.Add(name);
            }
        }

        return written;

        static string Safe(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')]);
    }

    private static byte[] Json(BenchReportOptions options, List<(string Fact, string Value)> machine, List<(BenchScenario Scenario, byte[] Json)> scenarios, List<(string File, string Error)> invalid)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schema", ReportSchema);
            w.WriteString("generatedAt", DateTimeOffset.UtcNow);
            w.WriteString("mode", options.Mode);
            w.WriteStartObject("machine");
            foreach (var (fact, value) in machine)
            {
                w.WriteString(fact, value);
            }

            w.WriteEndObject();
            w.WriteStartArray("notRun");
            foreach (var line in options.NotRun)
            {
                w.WriteStringValue(line);
            }

            w.WriteEndArray();
            w.WriteStartArray("scenarios");
            foreach (var (_, json) in scenarios)
            {
                using var document = JsonDocument.Parse(json);
                document.RootElement.WriteTo(w);
            }

            w.WriteEndArray();
            w.WriteStartArray("invalidScenarioFiles");
            foreach (var (file, problem) in invalid)
            {
                w.WriteStartObject();
                w.WriteString("file", file);
                w.WriteString("error", problem);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Markdown(BenchReportOptions options, List<(string Fact, string Value)> machine, List<BenchScenario> scenarios, List<(string File, string Error)> invalid, List<string> hgrm)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# Velox performance report");
        md.AppendLine();
        md.AppendLine(inv, $"Generated {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, mode **{options.Mode}**, from {scenarios.Count} scenario file(s) in `{options.ScenarioDir}`. Every figure below is read from those files (report.json holds them all).");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        md.AppendLine("| fact | value |");
        md.AppendLine("|---|---|");
        foreach (var (fact, value) in machine)
        {
            md.AppendLine(inv, $"| {fact} | {Cell(value)} |");
        }

        var histograms = scenarios.SelectMany(s => s.Histograms.Select(h => (Scenario: s, Histogram: h))).ToList();
        if (histograms.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Latency");
            md.AppendLine();
            md.AppendLine("![latency by percentile](latency.svg)");
            md.AppendLine();
            md.AppendLine("| scenario | histogram | count | min | p50 | p90 | p99 | p99.9 | p99.99 | max | mean | load avg start → end |");
            md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var (s, h) in histograms)
            {
                md.AppendLine(inv, $"| {s.Id} | {Cell(h.Name)} | {h.Count:N0} | {Value(h, h.Min)} | {Value(h, h.ValueAt(50))} | {Value(h, h.ValueAt(90))} | {Value(h, h.ValueAt(99))} | {Value(h, h.ValueAt(99.9))} | {Value(h, h.ValueAt(99.99))} | {Value(h, h.Max)} | {Value(h, h.Mean)} | {s.LoadAverageStart} → {s.LoadAverageEnd} |");
            }

            md.AppendLine();
            md.AppendLine(inv, $"HdrHistogram percentile distributions (values in µs): {string.Join(", ", hgrm.Select(f => $"[{f}](hgrm/{f})"))}.");
        }

        var ratios = scenarios.SelectMany(s => s.Ratios.Select(r => (Scenario: s, Ratio: r))).ToList();
        if (ratios.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Ratios");
            md.AppendLine();
            md.AppendLine("| scenario | ratio | value | floor (perf/gates.json) | verdict |");
            md.AppendLine("|---|---|---:|---:|---|");
            foreach (var (s, r) in ratios)
            {
                var verdict = r.MeetsFloor switch { true => "ok", false => "**BELOW FLOOR**", null => "–" };
                md.AppendLine(inv, $"| {s.Id} | {Cell(r.Name)} | {r.Value:N2}× | {(r.Floor is { } f ? $"{f.ToString(inv)} ({r.FloorKey})" : "–")} | {verdict} |");
            }
        }

        md.AppendLine();
        md.AppendLine("## Scenarios");
        foreach (var s in scenarios)
        {
            md.AppendLine();
            md.AppendLine(inv, $"### {Cell(s.Title)} (`{s.Id}`)");
            md.AppendLine();
            md.AppendLine(inv, $"`{s.Tool}` — {s.StartedAt:yyyy-MM-dd HH:mm} UTC, {s.Runtime}, load average {s.LoadAverageStart} at start, {s.LoadAverageEnd} at end.");
            if (s.Figures.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("| figure | value | unit | note |");
                md.AppendLine("|---|---:|---|---|");
                foreach (var f in s.Figures)
                {
                    md.AppendLine(inv, $"| {Cell(f.Name)} | {Number(f.Value)} | {f.Unit} | {Cell(f.Note ?? string.Empty)} |");
                }
            }

            if (s.Notes.Count > 0)
            {
                md.AppendLine();
                foreach (var note in s.Notes)
                {
                    md.AppendLine(inv, $"- {note}");
                }
            }
        }

        if (options.NotRun.Count > 0 || invalid.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Not run or not read");
            md.AppendLine();
            foreach (var line in options.NotRun)
            {
                md.AppendLine(inv, $"- {line}");
            }

            foreach (var (file, problem) in invalid)
            {
                md.AppendLine(inv, $"- invalid scenario file {file}: {problem}");
            }
        }

        return md.ToString();

        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

        static string Value(BenchHistogram h, double value) => h.Unit == "ns" ? Nanos.Format(value) : string.Create(CultureInfo.InvariantCulture, $"{value:N1} {h.Unit}");

        static string Number(double value) => Math.Abs(value) >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
