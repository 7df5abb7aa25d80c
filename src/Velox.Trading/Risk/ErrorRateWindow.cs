namespace Velox.Trading.Risk;

/// <summary>Exact sliding count: "N events within W nanoseconds", from a ring of the last N event times.</summary>
public sealed class ErrorRateWindow
{
    private readonly long[] _times;
    private readonly long _windowNanos;
    private int _next;
    private long _count;

    /// <summary>Creates a window that answers whether <paramref name="events"/> events fell within <paramref name="windowNanos"/>.</summary>
    public ErrorRateWindow(int events, long windowNanos)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(events, 1);
        _times = new long[events];
        _windowNanos = windowNanos;
    }

    /// <summary>Records an event; true when it and the N−1 before it all lie within the window (inclusive).</summary>
    public bool Record(long nowNanos)
    {
        _times[_next] = nowNanos;
        _next = (_next + 1) % _times.Length;
        _count++;

        // After the increment, _next points at the oldest of the last N events.
        return _count >= _times.Length && nowNanos - _times[_next] <= _windowNanos;
    }
}
