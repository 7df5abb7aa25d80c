namespace Velox.Admin.Metrics;

/// <summary>The Prometheus metric types Velox exports (text format 0.0.4 TYPE names).</summary>
public enum MetricType : byte
{
    Counter = 0,
    Gauge,
    Histogram,
}
