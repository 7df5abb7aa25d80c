namespace Velox.Core.Metrics;

/// <summary>
/// One step of HdrHistogram's percentile iteration: the percentile level reached (0..100), the highest
/// value of the bucket where it was reached, and how many recordings are at or below that bucket.
/// </summary>
public readonly record struct PercentilePoint(long Value, double Percentile, long TotalCount)
{
    /// <summary>1/(1-p), the x axis of HdrHistogram's percentile plots; infinity at 100 %.</summary>
    public double InvertedPercentile => 1.0 / (1.0 - (Percentile / 100.0));
}
