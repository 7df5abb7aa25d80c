using System.Globalization;
using System.Text.RegularExpressions;
using Velox.Core.Metrics;

namespace Velox.Core.Tests.Metrics;

public partial class HdrPercentileDistributionTests
{
    private const double Precision = 1.0 / 128;

    [Test]
    public void Rows_follow_HdrHistograms_ticks_per_half_distance()
    {
        var h = new LatencyHistogram();
        for (var v = 1; v <= 10; v++)
        {
            h.Record(v);
        }

        var points = HdrPercentileDistribution.Iterate(h, 5);

        // Worked by hand from PercentileIterator: 10 % steps to 50 %, 5 % to 75 %, 2.5 % to 87.5 %, then 1.25 %.
        double[] levels = [0, 10, 20, 30, 40, 50, 55, 60, 65, 70, 75, 77.5, 80, 82.5, 85, 87.5, 88.75, 90, 91.25, 100];
        long[] values = [1, 1, 2, 3, 4, 5, 6, 6, 7, 7, 8, 8, 8, 9, 9, 9, 9, 9, 10, 10];
        Assert.That(points.Select(p => p.Percentile), Is.EqualTo(levels));
        Assert.That(points.Select(p => p.Value), Is.EqualTo(values));
        Assert.That(points.Select(p => p.TotalCount), Is.EqualTo(values), "one recording per value: the count equals the value");
    }

    [Test]
    public void Output_parses_back_into_the_same_rows_and_footer()
    {
        var h = new LatencyHistogram();
        var random = new Random(5);
        for (var i = 0; i < 50_000; i++)
        {
            h.Record(200 + (long)(-Math.Log(1 - random.NextDouble()) * 5_000));
        }

        var text = HdrPercentileDistribution.Format(h, 5, valueScale: 1000.0);
        var parsed = Parse(text);
        var points = HdrPercentileDistribution.Iterate(h, 5);

        Assert.That(text, Does.StartWith("       Value     Percentile TotalCount 1/(1-Percentile)\n\n"));
        Assert.That(parsed.Rows, Has.Count.EqualTo(points.Count));
        for (var i = 0; i < points.Count; i++)
        {
            var row = parsed.Rows[i];
            Assert.That(row.Value, Is.EqualTo(points[i].Value / 1000.0).Within(0.0051), $"row {i}");
            Assert.That(row.Percentile, Is.EqualTo(points[i].Percentile / 100).Within(1e-12), $"row {i}");
            Assert.That(row.TotalCount, Is.EqualTo(points[i].TotalCount), $"row {i}");
            if (i < points.Count - 1)
            {
                Assert.That(row.Inverted, Is.EqualTo(1 / (1 - row.Percentile)).Within(0.005), $"row {i}");
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(parsed.Rows[^1].Percentile, Is.EqualTo(1.0));
            Assert.That(parsed.Rows[^1].Inverted, Is.Null, "HdrHistogram leaves the 1/(1-Percentile) column out of the 100 % row");
            Assert.That(parsed.Rows.Select(r => r.TotalCount), Is.Ordered);
            Assert.That(parsed.Mean, Is.EqualTo(h.Mean / 1000).Within(0.005));
            Assert.That(parsed.StdDeviation, Is.EqualTo(5.0).Within(0.25), "exponential: std deviation equals its 5 µs mean");
            Assert.That(parsed.Max, Is.EqualTo(parsed.Rows[^1].Value));
            Assert.That(parsed.Max, Is.EqualTo(h.Max / 1000.0).Within(h.Max / 1000.0 * Precision));
            Assert.That(parsed.TotalCount, Is.EqualTo(50_000));
            Assert.That(parsed.Buckets, Is.EqualTo(56));
            Assert.That(parsed.SubBuckets, Is.EqualTo(256));
        });
    }

    [Test]
    public void Values_round_half_up_like_Javas_format()
    {
        var h = new LatencyHistogram();
        h.Record(715);
        var rows = Parse(HdrPercentileDistribution.Format(h, valueScale: 1000.0)).Rows;
        Assert.That(rows[0].Value, Is.EqualTo(0.72));
    }

    [Test]
    public void Empty_histogram_prints_the_header_and_a_zero_footer()
    {
        var parsed = Parse(HdrPercentileDistribution.Format(new LatencyHistogram()));
        Assert.That(parsed.Rows, Is.Empty);
        Assert.That(parsed.TotalCount, Is.Zero);
        Assert.That(parsed.Max, Is.Zero);
    }

    [TestCase(50.0)]
    [TestCase(90.0)]
    [TestCase(99.0)]
    [TestCase(99.9)]
    [TestCase(99.99)]
    public void Percentiles_of_known_distributions_are_within_the_stated_precision(double percentile)
    {
        // Uniform 1..1,000,000 (each once) and exponential with mean 10 µs (from its inverse CDF, evenly spaced).
        const int N = 1_000_000;
        var uniform = new LatencyHistogram();
        var exponential = new LatencyHistogram();
        for (var i = 1; i <= N; i++)
        {
            uniform.Record(i);
            exponential.Record((long)Math.Ceiling(-Math.Log(1 - ((i - 0.5) / N)) * 10_000));
        }

        var exactUniform = (long)Math.Ceiling(percentile / 100 * N);
        var exactExponential = (long)Math.Ceiling(-Math.Log(1 - ((exactUniform - 0.5) / N)) * 10_000);
        Assert.That(uniform.ValueAtPercentile(percentile), Is.InRange(exactUniform, exactUniform * (1 + Precision)));
        Assert.That(exponential.ValueAtPercentile(percentile), Is.InRange(exactExponential, exactExponential * (1 + Precision)));
    }

    [Test]
    public void Merge_equals_recording_everything_into_one()
    {
        var random = new Random(17);
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        var all = new LatencyHistogram();
        for (var i = 0; i < 200_000; i++)
        {
            var value = (long)Math.Exp(random.NextDouble() * 25);
            (i % 3 == 0 ? a : b).Record(value);
            all.Record(value);
        }

        a.Add(b);

        Assert.Multiple(() =>
        {
            for (var index = 0; index < LatencyHistogram.IndexCount; index++)
            {
                if (a.CountAtIndex(index) != all.CountAtIndex(index))
                {
                    Assert.Fail($"bucket {index}: merged {a.CountAtIndex(index)}, direct {all.CountAtIndex(index)}");
                }
            }

            Assert.That((a.Count, a.Sum, a.Min, a.Max), Is.EqualTo((all.Count, all.Sum, all.Min, all.Max)));
            Assert.That(HdrPercentileDistribution.Format(a), Is.EqualTo(HdrPercentileDistribution.Format(all)));
        });
    }

    [Test]
    public void Recording_with_a_count_equals_recording_that_many_times()
    {
        var once = new LatencyHistogram();
        var counted = new LatencyHistogram();
        for (var i = 0; i < 1000; i++)
        {
            once.Record(12_345);
        }

        once.Record(7);
        counted.Record(12_345, 1000);
        counted.Record(7, 1);
        counted.Record(99, 0);

        Assert.That(HdrPercentileDistribution.Format(counted), Is.EqualTo(HdrPercentileDistribution.Format(once)));
        Assert.That((counted.Count, counted.Sum, counted.Min, counted.Max), Is.EqualTo((once.Count, once.Sum, once.Min, once.Max)));
    }

    [Test]
    public void Bucket_bounds_and_middles_agree_with_bucket_index()
    {
        for (var index = 0; index < LatencyHistogram.IndexCount; index++)
        {
            var lower = LatencyHistogram.BucketLowerBound(index);
            var upper = LatencyHistogram.BucketUpperBound(index);
            var middle = LatencyHistogram.BucketMedian(index);
            Assert.That(LatencyHistogram.BucketIndex(lower), Is.EqualTo(index));
            Assert.That(LatencyHistogram.BucketIndex(upper), Is.EqualTo(index));
            Assert.That(middle, Is.InRange(lower, upper));
            if (index > 0)
            {
                Assert.That(LatencyHistogram.BucketUpperBound(index - 1), Is.EqualTo(lower - 1));
            }
        }
    }

    private static Distribution Parse(string text)
    {
        var lines = text.Split('\n');
        Assert.That(HeaderLine().IsMatch(lines[0]), lines[0]);
        Assert.That(lines[1], Is.Empty);
        var result = new Distribution();
        var i = 2;
        for (; i < lines.Length && !lines[i].StartsWith('#'); i++)
        {
            var cells = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(cells.Length, Is.InRange(3, 4), lines[i]);
            result.Rows.Add(new Row(
                double.Parse(cells[0], CultureInfo.InvariantCulture),
                double.Parse(cells[1], CultureInfo.InvariantCulture),
                long.Parse(cells[2], CultureInfo.InvariantCulture),
                cells.Length == 4 ? double.Parse(cells[3], CultureInfo.InvariantCulture) : null));
        }

        var mean = MeanLine().Match(lines[i]);
        var max = MaxLine().Match(lines[i + 1]);
        var buckets = BucketsLine().Match(lines[i + 2]);
        Assert.That(mean.Success && max.Success && buckets.Success, string.Join('\n', lines[i..]));
        Assert.That(lines[i + 3], Is.Empty, "the text ends with the buckets line");
        result.Mean = double.Parse(mean.Groups[1].Value, CultureInfo.InvariantCulture);
        result.StdDeviation = double.Parse(mean.Groups[2].Value, CultureInfo.InvariantCulture);
        result.Max = double.Parse(max.Groups[1].Value, CultureInfo.InvariantCulture);
        result.TotalCount = long.Parse(max.Groups[2].Value, CultureInfo.InvariantCulture);
        result.Buckets = int.Parse(buckets.Groups[1].Value, CultureInfo.InvariantCulture);
        result.SubBuckets = int.Parse(buckets.Groups[2].Value, CultureInfo.InvariantCulture);
        return result;
    }

    [GeneratedRegex(@"^ {7}Value {5}Percentile TotalCount 1/\(1-Percentile\)$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^#\[Mean    = +([0-9.]+), StdDeviation   = +([0-9.]+)\]$")]
    private static partial Regex MeanLine();

    [GeneratedRegex(@"^#\[Max     = +([0-9.]+), Total count    = +([0-9]+)\]$")]
    private static partial Regex MaxLine();

    [GeneratedRegex(@"^#\[Buckets = +([0-9]+), SubBuckets     = +([0-9]+)\]$")]
    private static partial Regex BucketsLine();

    private sealed record Row(double Value, double Percentile, long TotalCount, double? Inverted);

    private sealed class Distribution
    {
        public List<Row> Rows { get; } = [];

        public double Mean { get; set; }

        public double StdDeviation { get; set; }

        public double Max { get; set; }

        public long TotalCount { get; set; }

        public int Buckets { get; set; }

        public int SubBuckets { get; set; }
    }
}
