using System.Text;

namespace Velox.Admin.Metrics;

/// <summary>
/// The metrics of one process. Components register their series at start (cold, may throw on bad names)
/// and keep the returned <see cref="Counter"/>, <see cref="Gauge"/> or <see cref="LatencyHistogramMetric"/>
/// to update on their own thread; <see cref="Scrape"/> formats everything on the admin thread. Series of a
/// family are written in registration order, families in order of first registration.
/// </summary>
public sealed class MetricsRegistry
{
    private readonly object _lock = new();
    private readonly List<Family> _families = [];
    private readonly Dictionary<string, Family> _byName = new(StringComparer.Ordinal);
    private readonly List<IMetricsCollector> _collectors = [];

    public Counter Counter(string name, string help, params MetricLabel[] labels)
    {
        var counter = new Counter();
        Register(name, help, MetricType.Counter, labels, counter);
        return counter;
    }

    public Gauge Gauge(string name, string help, params MetricLabel[] labels)
    {
        var gauge = new Gauge();
        Register(name, help, MetricType.Gauge, labels, gauge);
        return gauge;
    }

    /// <summary>A latency histogram exported in seconds; <paramref name="boundsNanos"/> defaults to <see cref="LatencyBuckets.Default"/>.</summary>
    public LatencyHistogramMetric Histogram(string name, string help, IReadOnlyList<long>? boundsNanos = null, params MetricLabel[] labels)
    {
        var histogram = new LatencyHistogramMetric(boundsNanos ?? LatencyBuckets.Default);
        Register(name, help, MetricType.Histogram, labels, histogram);
        return histogram;
    }

    /// <summary>Adds a scrape-time source.</summary>
    public void Add(IMetricsCollector collector)
    {
        ArgumentNullException.ThrowIfNull(collector);
        lock (_lock)
        {
            _collectors.Add(collector);
        }
    }

    /// <summary>The exposition text of every series (admin thread; allocates).</summary>
    public string Scrape()
    {
        var text = new StringBuilder(4096);
        var writer = new MetricsWriter(text);
        lock (_lock)
        {
            Span<long> cumulative = stackalloc long[64];
            foreach (var family in _families)
            {
                writer.Family(family.Name, family.Help, family.Type);
                foreach (var series in family.Series)
                {
                    switch (series.Metric)
                    {
                        case Counter counter:
                            writer.Sample(family.Name, series.Labels, counter.Value);
                            break;
                        case Gauge gauge:
                            writer.Sample(family.Name, series.Labels, gauge.Value);
                            break;
                        case LatencyHistogramMetric histogram:
                            var bounds = histogram.BoundsNanos;
                            var counts = bounds.Length <= cumulative.Length ? cumulative[..bounds.Length] : new long[bounds.Length];
                            histogram.Read(counts, out var count, out var sum);
                            writer.Histogram(family.Name, series.Labels, bounds, counts, count, sum);
                            break;
                    }
                }
            }

            foreach (var collector in _collectors)
            {
                collector.Collect(writer);
            }
        }

        return text.ToString();
    }

    private void Register(string name, string help, MetricType type, MetricLabel[] labels, object metric)
    {
        MetricNames.Validate(name);
        ArgumentNullException.ThrowIfNull(help);
        ArgumentNullException.ThrowIfNull(labels);
        MetricNames.Validate(labels, type == MetricType.Histogram);
        lock (_lock)
        {
            if (!_byName.TryGetValue(name, out var family))
            {
                family = new Family(name, help, type);
                _byName.Add(name, family);
                _families.Add(family);
            }
            else if (family.Type != type)
            {
                throw new ArgumentException($"metric '{name}' is already registered as a {family.Type}", nameof(name));
            }

            foreach (var existing in family.Series)
            {
                if (SameLabels(existing.Labels, labels))
                {
                    throw new ArgumentException($"metric '{name}' already has a series with these labels", nameof(labels));
                }
            }

            family.Series.Add(new Series([.. labels], metric));
        }
    }

    private static bool SameLabels(MetricLabel[] a, MetricLabel[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        foreach (var label in a)
        {
            if (Array.IndexOf(b, label) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Family(string Name, string Help, MetricType Type)
    {
        public List<Series> Series { get; } = [];
    }

    private sealed record Series(MetricLabel[] Labels, object Metric);
}
