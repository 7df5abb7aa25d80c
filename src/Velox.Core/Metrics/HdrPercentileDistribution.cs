using System.Globalization;

namespace Velox.Core.Metrics;

/// <summary>
/// HdrHistogram's percentile distribution text ("hgrm", what <c>outputPercentileDistribution</c> and
/// HistogramLogProcessor print) for a <see cref="LatencyHistogram"/>: the <c>Value Percentile TotalCount
/// 1/(1-Percentile)</c> table stepped by ticks per half distance to 100 %, then the Mean/StdDeviation,
/// Max/Total count and Buckets/SubBuckets footer. Cold path: builds a list and strings.
/// </summary>
/// <remarks>
/// Rows, Max and the bucket figures are what HdrHistogram prints for the same recordings (the layouts are
/// identical). Mean is the exact mean of the recorded values, where HdrHistogram averages bucket middles,
/// and StdDeviation is taken around that exact mean, so both may differ from HdrHistogram's within the
/// histogram's precision.
/// </remarks>
public static class HdrPercentileDistribution
{
    /// <summary>HdrHistogram's customary reporting ticks per half distance.</summary>
    public const int DefaultTicksPerHalfDistance = 5;

    /// <summary>
    /// HdrHistogram's PercentileIterator: levels start at 0 % and step by 100 / (ticks × 2^(halvings + 1)),
    /// so each halving of the distance to 100 % gets <paramref name="ticksPerHalfDistance"/> rows; a level
    /// is reported at the first non-empty bucket whose cumulative share reaches it, and a last row at 100 %.
    /// </summary>
    public static List<PercentilePoint> Iterate(LatencyHistogram histogram, int ticksPerHalfDistance = DefaultTicksPerHalfDistance)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentOutOfRangeException.ThrowIfLessThan(ticksPerHalfDistance, 1);
        var points = new List<PercentilePoint>();
        var total = histogram.Count;
        if (total == 0)
        {
            return points;
        }

        var level = 0.0;
        var index = 0;
        long cumulative = 0;
        var fresh = true;
        while (cumulative < total)
        {
            while (true)
            {
                var count = histogram.CountAtIndex(index);
                if (fresh)
                {
                    cumulative += count;
                    fresh = false;
                }

                if (count != 0 && 100.0 * cumulative / total >= level)
                {
                    points.Add(new PercentilePoint(LatencyHistogram.BucketUpperBound(index), level, cumulative));
                    level = NextLevel(level, ticksPerHalfDistance);
                    break;
                }

                index++;
                fresh = true;
            }
        }

        var last = points[^1];
        points.Add(last with { Percentile = 100.0 });
        return points;
    }

    /// <summary>Writes the distribution; values are divided by <paramref name="valueScale"/> (1000 prints ns recordings as µs).</summary>
    public static void Write(LatencyHistogram histogram, TextWriter output, int ticksPerHalfDistance = DefaultTicksPerHalfDistance, double valueScale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(valueScale);
        var inv = CultureInfo.InvariantCulture;
        const int Digits = LatencyHistogram.SignificantValueDigits;
        output.Write(string.Create(inv, $"{"Value",12} {"Percentile",14} {"TotalCount",10} {"1/(1-Percentile)",14}\n\n"));
        foreach (var point in Iterate(histogram, ticksPerHalfDistance))
        {
            var value = Fixed(point.Value / valueScale, Digits).PadLeft(12);
            var percentile = Fixed(point.Percentile / 100.0, 12);
            var count = point.TotalCount.ToString(inv).PadLeft(10);
            output.Write(point.Percentile != 100.0
                ? string.Create(inv, $"{value} {percentile} {count} {Fixed(point.InvertedPercentile, 2),14}\n")
                : string.Create(inv, $"{value} {percentile} {count}\n"));
        }

        var max = histogram.Count == 0 ? 0 : LatencyHistogram.BucketUpperBound(LatencyHistogram.BucketIndex(histogram.Max));
        output.Write(string.Create(inv, $"#[Mean    = {Fixed(histogram.Mean / valueScale, Digits),12}, StdDeviation   = {Fixed(histogram.StdDeviation / valueScale, Digits),12}]\n"));
        output.Write(string.Create(inv, $"#[Max     = {Fixed(max / valueScale, Digits),12}, Total count    = {histogram.Count,12}]\n"));
        output.Write(string.Create(inv, $"#[Buckets = {LatencyHistogram.HdrBucketCount,12}, SubBuckets     = {LatencyHistogram.HdrSubBucketCount,12}]\n"));
    }

    /// <summary>The distribution as one string (see <see cref="Write"/>).</summary>
    public static string Format(LatencyHistogram histogram, int ticksPerHalfDistance = DefaultTicksPerHalfDistance, double valueScale = 1.0)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(histogram, writer, ticksPerHalfDistance, valueScale);
        return writer.ToString();
    }

    /// <summary>
    /// Java's <c>%.Nf</c>: half-up rounding of the shortest decimal text of the double (0.715 prints 0.72,
    /// where .NET's "F2" rounds the binary value 0.71499... down).
    /// </summary>
    private static string Fixed(double value, int decimals) =>
        Math.Round((decimal)value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static double NextLevel(double level, int ticksPerHalfDistance)
    {
        if (level >= 100.0)
        {
            return level;
        }

        var halvings = (long)(Math.Log(100.0 / (100.0 - level)) / Math.Log(2));
        var ticks = ticksPerHalfDistance * (long)Math.Pow(2, halvings + 1);
        return level + (100.0 / ticks);
    }
}
