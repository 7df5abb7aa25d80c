using System.Text.Json;
using Velox.BenchReport;
using Velox.Core.Metrics;
using Velox.Perf;
using Velox.PeerBench.Echo;
using Velox.PeerBench.Replay;
using Velox.PeerBench.Report;

namespace Velox.PeerBench.Tests;

public class BenchReportTests
{
    private static readonly string[] PeerScenarioFiles = ["peers-replay.json", "peers-loopback.json", "peers-echo.json"];

    [Test]
    public void AScenarioFile_RoundTrips_WithTheSameHistogram()
    {
        var histogram = Exponential(20_000, 7);
        var scenario = new BenchScenario { Id = "roundtrip", Title = "t", Tool = "test" };
        scenario.Histograms.Add(BenchHistogram.From("rtt", histogram));
        scenario.Figures.Add(new BenchFigure("frames/s", 1234.5678, "1/s"));
        scenario.Ratios.Add(new BenchRatio("velox/peer", 3.25, 2.0, "key"));

        var read = BenchScenario.Parse(scenario.ToJson());

        var h = read.Histograms.Single();
        Assert.Multiple(() =>
        {
            Assert.That((h.Count, h.Min, h.Max), Is.EqualTo((histogram.Count, histogram.Min, histogram.Max)));
            Assert.That(h.Mean, Is.EqualTo(histogram.Mean).Within(0.001));
            Assert.That(h.ValueAt(99.9), Is.EqualTo(histogram.ValueAtPercentile(99.9)));
            Assert.That(HdrPercentileDistribution.Format(h.Histogram), Is.EqualTo(HdrPercentileDistribution.Format(histogram)), "rebuilt bucket for bucket");
            Assert.That(read.Figures.Single(), Is.EqualTo(new BenchFigure("frames/s", 1234.568, "1/s")));
            Assert.That(read.Ratios.Single().MeetsFloor, Is.True);
        });
    }

    [Test]
    public void TheReport_IsBuiltFromTheScenarioFiles()
    {
        using var dirs = new TempDirs();
        var echo = Exponential(5_000, 3);
        var report = new PeerReport { Machine = MachineFacts.Collect("0 0 0", "test") };
        report.Comparisons.Add(new Comparison("ccxt/sim-cs", "stream", Result("velox", 900_000), Result("ccxt", 100_000)));
        report.Comparisons.Add(new Comparison("naive-dotnet/loopback-sim", "stream", Result("velox", 150_000), Result("naive-dotnet", 100_000)));
        report.RoundTrips.Add(RoundTripResult.From("raw-tcp", "socket", "socket", echo));
        var written = PeerScenarios.Write(report, dirs.Scenarios, Velox.Testing.SharedData.RepositoryRoot, "test", "1 2 3");
        Assert.That(written.Select(Path.GetFileName), Is.EqualTo(PeerScenarioFiles));

        var output = new StringWriter();
        var errors = new StringWriter();
        var rc = BenchReportCommand.Run(["--scenarios", dirs.Scenarios, "--out", dirs.Out, "--mode", "test", "--not-run", "BenchmarkDotNet: test"], output, errors);

        // 150k/100k = 1.5x is below the committed loopback floor (2.0): the report says so and exits 1.
        Assert.That(rc, Is.EqualTo(1), errors.ToString());
        Assert.That(errors.ToString(), Does.Contain("peers-loopback: naive-dotnet/loopback-sim Velox/naive-dotnet frames/s = 1.50 is below its floor 2"));
        var md = File.ReadAllText(Path.Combine(dirs.Out, "report.md"));
        Assert.Multiple(() =>
        {
            Assert.That(md, Does.Contain("| peers-replay | ccxt/sim-cs Velox/ccxt frames/s | 9.00× | 2 (veloxOverCcxtReplayMin) | ok |"));
            Assert.That(md, Does.Contain("**BELOW FLOOR**"));
            Assert.That(md, Does.Contain($"| peers-echo | raw-tcp | 5,000 |"));
            Assert.That(md, Does.Contain("- BenchmarkDotNet: test"));
            Assert.That(md, Does.Contain("| git commit |"));
            Assert.That(md, Does.Contain("![latency by percentile](latency.svg)"));
        });

        var svg = File.ReadAllText(Path.Combine(dirs.Out, "latency.svg"));
        Assert.That(svg, Does.StartWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        Assert.That(svg, Does.Contain("peers-echo raw-tcp"));
        Assert.That(svg.Split("<path ").Length - 1, Is.EqualTo(1), "one curve per histogram");
        System.Xml.Linq.XDocument.Parse(svg);

        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dirs.Out, "report.json")));
        var root = json.RootElement;
        Assert.That(root.GetProperty("schema").GetString(), Is.EqualTo("velox-bench-report/1"));
        Assert.That(root.GetProperty("machine").GetProperty("logical cores").GetString(), Is.EqualTo(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(root.GetProperty("scenarios").GetArrayLength(), Is.EqualTo(3));

        var hgrm = File.ReadAllText(Path.Combine(dirs.Out, "hgrm", "peers-echo.raw-tcp.hgrm"));
        Assert.That(hgrm, Is.EqualTo(HdrPercentileDistribution.Format(echo, valueScale: 1000.0)));
    }

    [Test]
    public void AnInvalidScenarioFile_IsNamedWithTheProblem_AndTheRestIsStillReported()
    {
        using var dirs = new TempDirs();
        new BenchScenario { Id = "good", Title = "fine", Figures = { new BenchFigure("x", 1, "1/s") } }.Write(dirs.Scenarios);
        File.WriteAllText(Path.Combine(dirs.Scenarios, "bad.json"), "{\"schema\":\"velox-bench-scenario/1\",\"id\":\"bad\",\"title\":\"t\",\"notes\":[],\"histograms\":[{\"name\":\"h\",\"count\":5,\"min\":1,\"max\":1,\"sum\":5,\"mean\":1,\"buckets\":[[1,4]]}],\"figures\":[],\"ratios\":[]}");
        File.WriteAllText(Path.Combine(dirs.Scenarios, "other.json"), "{\"schema\":\"something-else\"}");

        var errors = new StringWriter();
        var rc = BenchReportCommand.Run(["--scenarios", dirs.Scenarios, "--out", dirs.Out], new StringWriter(), errors);

        Assert.That(rc, Is.EqualTo(1));
        Assert.That(errors.ToString(), Does.Contain("bad.json: histogram 'h': count 5 but its buckets hold 4"));
        Assert.That(errors.ToString(), Does.Contain("other.json: schema is 'something-else', expected 'velox-bench-scenario/1'"));
        var md = File.ReadAllText(Path.Combine(dirs.Out, "report.md"));
        Assert.That(md, Does.Contain("### fine (`good`)"));
        Assert.That(md, Does.Contain("- invalid scenario file bad.json:"));
    }

    [Test]
    public void BadArguments_ExitTwo_WithTheUsage()
    {
        var errors = new StringWriter();
        Assert.That(BenchReportCommand.Run(["--out"], new StringWriter(), errors), Is.EqualTo(2));
        Assert.That(errors.ToString(), Does.Contain("--out needs a value"));
        Assert.That(errors.ToString(), Does.Contain("usage: Velox.BenchReport"));
    }

    private static LatencyHistogram Exponential(int count, int seed)
    {
        var random = new Random(seed);
        var h = new LatencyHistogram();
        for (var i = 0; i < count; i++)
        {
            h.Record(5_000 + (long)(-Math.Log(1 - random.NextDouble()) * 2_000));
        }

        return h;
    }

    private static ThroughputResult Result(string pipeline, long frames) =>
        new() { Pipeline = pipeline, Scenario = "test", Frames = frames, Seconds = 1, AllocatedBytes = 0 };

    private sealed class TempDirs : IDisposable
    {
        private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("velox-benchreport-test-");

        public string Scenarios => Directory.CreateDirectory(Path.Combine(_root.FullName, "scenarios")).FullName;

        public string Out => Path.Combine(_root.FullName, "report");

        public void Dispose() => _root.Delete(recursive: true);
    }
}
