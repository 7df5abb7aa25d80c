using Velox.Core.Metrics;

namespace Velox.Admin.Metrics;

/// <summary>
/// A Prometheus histogram (seconds) fed from a <see cref="LatencyHistogram"/> that its owner records into on
/// the hot path. The owner calls <see cref="Publish"/> from its own thread at a cold cadence (a copy under a
/// lock the hot path never takes); a scrape reads the last copy and folds its log-linear buckets into the
/// configured `le` bounds, within the source's 0.8 % bucket width.
/// </summary>
public sealed class LatencyHistogramMetric
{
    private readonly object _lock = new();
    private readonly LatencyHistogram _snapshot = new();
    private readonly long[] _boundsNanos;

    internal LatencyHistogramMetric(IReadOnlyList<long> boundsNanos)
    {
        _boundsNanos = [.. boundsNanos];
        for (var i = 0; i < _boundsNanos.Length; i++)
        {
            if (_boundsNanos[i] <= 0 || (i > 0 && _boundsNanos[i] <= _boundsNanos[i - 1]))
            {
                throw new ArgumentException("histogram bounds must be positive and strictly increasing", nameof(boundsNanos));
            }
        }
    }

    /// <summary>Upper bounds of the finite buckets, nanoseconds, increasing.</summary>
    public ReadOnlySpan<long> BoundsNanos => _boundsNanos;

    /// <summary>Copies the owner's histogram; call on the thread that records into <paramref name="source"/>.</summary>
    public void Publish(LatencyHistogram source)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (_lock)
        {
            source.CopyTo(_snapshot);
        }
    }

    /// <summary>
    /// Cumulative counts per finite bound into <paramref name="cumulative"/> (length of <see cref="BoundsNanos"/>),
    /// plus the total count and sum (ns) of the last published copy.
    /// </summary>
    public void Read(Span<long> cumulative, out long count, out long sumNanos)
    {
        if (cumulative.Length < _boundsNanos.Length)
        {
            throw new ArgumentException("span shorter than the bounds", nameof(cumulative));
        }

        lock (_lock)
        {
            for (var i = 0; i < _boundsNanos.Length; i++)
            {
                cumulative[i] = _snapshot.CountAtOrBelow(_boundsNanos[i]);
            }

            count = _snapshot.Count;
            sumNanos = _snapshot.Sum;
        }
    }
}
