using Velox.Core.Metrics;

namespace Velox.Core.Tests;

public class LatencyHistogramTests
{
    [Test]
    public void Small_values_are_exact()
    {
        var h = new LatencyHistogram();
        for (var v = 1; v <= 100; v++)
        {
            h.Record(v);
        }

        Assert.That(h.ValueAtPercentile(50), Is.EqualTo(50));
        Assert.That(h.ValueAtPercentile(99), Is.EqualTo(99));
        Assert.That(h.ValueAtPercentile(100), Is.EqualTo(100));
        Assert.That(h.Count, Is.EqualTo(100));
        Assert.That(h.Min, Is.EqualTo(1));
        Assert.That(h.Max, Is.EqualTo(100));
        Assert.That(h.Mean, Is.EqualTo(50.5));
    }

    [Test]
    public void Large_values_are_within_one_percent()
    {
        var random = new Random(11);
        var values = new long[100_000];
        var h = new LatencyHistogram();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (long)Math.Exp(random.NextDouble() * 30);
            h.Record(values[i]);
        }

        Array.Sort(values);
        foreach (var p in new[] { 50.0, 90.0, 99.0, 99.9 })
        {
            var exact = values[(int)Math.Ceiling(p / 100 * values.Length) - 1];
            var reported = h.ValueAtPercentile(p);
            Assert.That(reported, Is.InRange(exact, exact + (exact / 128) + 1), $"p{p}");
        }
    }

    [Test]
    public void Every_bucket_maps_back_to_its_own_range()
    {
        for (var shift = 0; shift < 62; shift++)
        {
            foreach (var v in new[] { 1L << shift, (1L << shift) + 1, (2L << shift) - 1 })
            {
                var index = LatencyHistogram.BucketIndex(v);
                Assert.That(LatencyHistogram.BucketUpperBound(index), Is.GreaterThanOrEqualTo(v));
                if (index > 0)
                {
                    Assert.That(LatencyHistogram.BucketUpperBound(index - 1), Is.LessThan(v));
                }
            }
        }

        Assert.That(LatencyHistogram.BucketIndex(long.MaxValue), Is.GreaterThan(LatencyHistogram.BucketIndex(1L << 61)));
    }

    [Test]
    public void Merge_and_reset()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(10);
        b.Record(1_000_000);
        a.Add(b);
        Assert.That(a.Count, Is.EqualTo(2));
        Assert.That(a.Max, Is.EqualTo(1_000_000));
        Assert.That(a.ValueAtPercentile(100), Is.EqualTo(1_000_000));
        a.Reset();
        Assert.That(a.Count, Is.Zero);
        Assert.That(a.ValueAtPercentile(50), Is.Zero);
    }

    [Test]
    public void Recording_allocates_nothing()
    {
        var h = new LatencyHistogram();
        h.Record(1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000_000; i++)
        {
            h.Record(i * 37L);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
