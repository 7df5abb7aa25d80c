using System.Globalization;
using System.Text.Json;
using Velox.Perf;

namespace Velox.BenchReport;

/// <summary>
/// BenchmarkDotNet's JSON export (<c>--exporters json</c>: *-report-full*.json) as the "benchmarkdotnet"
/// scenario: per benchmark its mean time per operation (OperationsPerInvoke already divided out by
/// BenchmarkDotNet) and bytes allocated per operation.
/// </summary>
internal static class BdnImport
{
    public const string ScenarioId = "benchmarkdotnet";

    /// <summary>The scenario, or null when the folder holds no benchmark with results.</summary>
    public static BenchScenario? Import(string resultsDir, string? loadAverages)
    {
        var files = Directory.Exists(resultsDir)
            ? Directory.GetFiles(resultsDir, "*-report-full*.json").Order(StringComparer.Ordinal).ToArray()
            : [];
        var loads = (loadAverages ?? "unknown|unknown").Split('|');
        BenchScenario? scenario = null;
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = document.RootElement;
            var host = root.GetProperty("HostEnvironmentInfo");
            scenario ??= new BenchScenario
            {
                Id = ScenarioId,
                Title = "BenchmarkDotNet micro-benchmarks: mean time and allocation per operation",
                Tool = $"BenchmarkDotNet {Text(host, "BenchmarkDotNetVersion")} (perf/Velox.Benchmarks)",
                StartedAt = File.GetLastWriteTimeUtc(file),
                LoadAverageStart = loads[0],
                LoadAverageEnd = loads.Length > 1 ? loads[1] : "unknown",
                Runtime = $"{Text(host, "RuntimeVersion")} (JIT)",
            };
            foreach (var benchmark in root.GetProperty("Benchmarks").EnumerateArray())
            {
                var name = $"{Short(Text(benchmark, "Type"))}.{Text(benchmark, "Method")}";
                if (benchmark.GetProperty("Statistics") is not { ValueKind: JsonValueKind.Object } statistics)
                {
                    scenario.Notes.Add($"{name}: no result ({Text(benchmark, "DisplayInfo")})");
                    continue;
                }

                var mean = statistics.GetProperty("Mean").GetDouble();
                var median = statistics.GetProperty("Median").GetDouble();
                var error = statistics.TryGetProperty("ConfidenceInterval", out var ci) && ci.TryGetProperty("Margin", out var margin) ? margin.GetDouble() : double.NaN;
                scenario.Figures.Add(new BenchFigure(name, mean, "ns/op", string.Create(CultureInfo.InvariantCulture, $"median {median:N1} ns, 99.9% CI ±{error:N1} ns, {statistics.GetProperty("N").GetInt32()} iterations; {Job(Text(benchmark, "DisplayInfo"))}")));
                if (benchmark.TryGetProperty("Memory", out var memory) && memory.TryGetProperty("BytesAllocatedPerOperation", out var bytes) && bytes.ValueKind == JsonValueKind.Number)
                {
                    scenario.Figures.Add(new BenchFigure(name + " allocated", bytes.GetDouble(), "B/op"));
                }
            }
        }

        return scenario;
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : string.Empty;

    private static string Short(string type) => type.EndsWith("Benchmarks", StringComparison.Ordinal) ? type[..^"Benchmarks".Length] : type;

    private static string Job(string displayInfo) => displayInfo.IndexOf(": ", StringComparison.Ordinal) is var i and >= 0 ? displayInfo[(i + 2)..] : displayInfo;
}
