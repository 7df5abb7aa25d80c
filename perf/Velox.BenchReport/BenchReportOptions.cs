namespace Velox.BenchReport;

/// <summary>Command line of Velox.BenchReport.</summary>
public sealed record BenchReportOptions
{
    public const string Usage = """
        usage: Velox.BenchReport --scenarios DIR --out DIR [options]
          --scenarios DIR       folder of scenario files (*.json, schema velox-bench-scenario/1)
          --out DIR             where report.md, report.json, latency.svg and hgrm/ go
          --repo DIR            repository (for the git commit; default: the current directory)
          --mode NAME           how the run was made, printed in the report (e.g. quick, full)
          --bdn DIR             BenchmarkDotNet results folder (*-report-full*.json): imported as the
                                "benchmarkdotnet" scenario into --scenarios first
          --bdn-load START|END  load averages around the BenchmarkDotNet run, for that scenario
          --not-run TEXT        a line for the report's "Not run" list (repeatable)
        exit codes: 0 report written, 1 report written but a scenario file was invalid or a ratio is below its floor, 2 bad arguments
        """;

    public required string ScenarioDir { get; init; }

    public required string OutDir { get; init; }

    public string RepositoryRoot { get; init; } = Directory.GetCurrentDirectory();

    public string Mode { get; init; } = "custom";

    public string? BdnResults { get; init; }

    public string? BdnLoad { get; init; }

    public IReadOnlyList<string> NotRun { get; init; } = [];

    public static BenchReportOptions Parse(string[] args)
    {
        string? scenarios = null, output = null, repo = null, mode = null, bdn = null, bdnLoad = null;
        var notRun = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            switch (name)
            {
                case "--scenarios": scenarios = Value(); break;
                case "--out": output = Value(); break;
                case "--repo": repo = Value(); break;
                case "--mode": mode = Value(); break;
                case "--bdn": bdn = Value(); break;
                case "--bdn-load": bdnLoad = Value(); break;
                case "--not-run": notRun.Add(Value()); break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }

        return new BenchReportOptions
        {
            ScenarioDir = scenarios ?? throw new ArgumentException("--scenarios is required"),
            OutDir = output ?? throw new ArgumentException("--out is required"),
            RepositoryRoot = repo ?? Directory.GetCurrentDirectory(),
            Mode = mode ?? "custom",
            BdnResults = bdn,
            BdnLoad = bdnLoad,
            NotRun = notRun,
        };
    }
}
