namespace Velox.Admin.Metrics;

/// <summary>Bucket upper bounds (nanoseconds) for latency histograms; exported as `le` in seconds.</summary>
public static class LatencyBuckets
{
    /// <summary>250 ns to 1 s in 1-2.5-5 steps: fine where the hot path lives, coarse where only outliers go.</summary>
    public static IReadOnlyList<long> Default { get; } =
    [
        250, 500,
        1_000, 2_500, 5_000,
        10_000, 25_000, 50_000,
        100_000, 250_000, 500_000,
        1_000_000, 2_500_000, 5_000_000,
        10_000_000, 25_000_000, 50_000_000,
        100_000_000, 250_000_000, 500_000_000,
        1_000_000_000,
    ];
}
