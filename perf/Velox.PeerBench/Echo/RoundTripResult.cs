using Velox.Core.Metrics;

namespace Velox.PeerBench.Echo;

/// <summary>Round trips of one client/server pair, summarised from a <see cref="LatencyHistogram"/> (ns).</summary>
public sealed record RoundTripResult(string Pair, string Client, string Server, long Samples, long P50Nanos, long P99Nanos, long P999Nanos, long MinNanos, long MaxNanos, double MeanNanos)
{
    /// <summary>The round trips themselves (for the report's percentile curves); null when built from figures only.</summary>
    public LatencyHistogram? Histogram { get; init; }

    public static RoundTripResult From(string pair, string client, string server, LatencyHistogram histogram) => new(
        pair,
        client,
        server,
        histogram.Count,
        histogram.ValueAtPercentile(50),
        histogram.ValueAtPercentile(99),
        histogram.ValueAtPercentile(99.9),
        histogram.Count == 0 ? 0 : histogram.Min,
        histogram.Max,
        histogram.Mean)
    {
        Histogram = histogram,
    };
}
