using Velox.Core.Metrics;

namespace Velox.Admin.Tests.Metrics;

public class LatencyHistogramCountTests
{
    [Test]
    public void Count_at_or_below_is_exact_in_the_linear_range_and_within_a_bucket_above()
    {
        var histogram = new LatencyHistogram();
        for (var v = 0; v < 100_000; v += 7)
        {
            histogram.Record(v);
        }

        Assert.That(histogram.CountAtOrBelow(-1), Is.Zero);
        Assert.That(histogram.CountAtOrBelow(0), Is.EqualTo(1));
        Assert.That(histogram.CountAtOrBelow(200), Is.EqualTo((200 / 7) + 1));
        Assert.That(histogram.CountAtOrBelow(long.MaxValue), Is.EqualTo(histogram.Count));
        foreach (var bound in new long[] { 1_000, 10_000, 50_000 })
        {
            var exact = (bound / 7) + 1;
            // The bucket holding the bound is counted whole: at most 0.8 % above the bound.
            Assert.That(histogram.CountAtOrBelow(bound), Is.InRange(exact, ((long)(bound * 1.008) / 7) + 1));
        }
    }
}
