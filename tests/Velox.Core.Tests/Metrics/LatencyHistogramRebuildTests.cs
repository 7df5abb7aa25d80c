using Velox.Core.Metrics;

namespace Velox.Core.Tests.Metrics;

public class LatencyHistogramRebuildTests
{
    [Test]
    public void Rebuilt_from_buckets_and_totals_equals_the_original()
    {
        var original = new LatencyHistogram();
        var random = new Random(3);
        for (var i = 0; i < 10_000; i++)
        {
            original.Record(100 + (long)(random.NextDouble() * random.NextDouble() * 1_000_000));
        }

        var rebuilt = Rebuild(original);

        Assert.That(rebuilt.TryRestoreTotals(original.Min, original.Max, original.Sum), Is.True);
        Assert.That((rebuilt.Count, rebuilt.Min, rebuilt.Max, rebuilt.Sum), Is.EqualTo((original.Count, original.Min, original.Max, original.Sum)));
        Assert.That(HdrPercentileDistribution.Format(rebuilt), Is.EqualTo(HdrPercentileDistribution.Format(original)));
    }

    [Test]
    public void Totals_that_cannot_come_from_the_buckets_are_refused()
    {
        var original = new LatencyHistogram();
        original.Record(1_000);
        original.Record(50_000);
        var rebuilt = Rebuild(original);
        var before = (rebuilt.Min, rebuilt.Max, rebuilt.Sum);

        Assert.Multiple(() =>
        {
            Assert.That(rebuilt.TryRestoreTotals(10, 50_000, 51_000), Is.False, "min outside the first bucket");
            Assert.That(rebuilt.TryRestoreTotals(1_000, 90_000, 51_000), Is.False, "max outside the last bucket");
            Assert.That(rebuilt.TryRestoreTotals(1_000, 50_000, 1_000_000), Is.False, "sum above every value's bucket");
            Assert.That(new LatencyHistogram().TryRestoreTotals(0, 0, 0), Is.False, "empty");
            Assert.That((rebuilt.Min, rebuilt.Max, rebuilt.Sum), Is.EqualTo(before));
        });
    }

    private static LatencyHistogram Rebuild(LatencyHistogram original)
    {
        var rebuilt = new LatencyHistogram();
        for (var i = 0; i < LatencyHistogram.IndexCount; i++)
        {
            rebuilt.Record(LatencyHistogram.BucketLowerBound(i), original.CountAtIndex(i));
        }

        return rebuilt;
    }
}
