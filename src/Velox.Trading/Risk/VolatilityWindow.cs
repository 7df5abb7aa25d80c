using Velox.Core.Numerics;

namespace Velox.Trading.Risk;

/// <summary>Mid samples of one instrument over a time window; reports the range (max − min) in bps of the min.</summary>
public sealed class VolatilityWindow
{
    private readonly long[] _times;
    private readonly long[] _mids;
    private readonly long _windowNanos;
    private int _head;
    private int _count;

    public VolatilityWindow(int samples, long windowNanos)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        _times = new long[samples];
        _mids = new long[samples];
        _windowNanos = windowNanos;
    }

    /// <summary>Adds a mid and returns whether the range within the window is at least <paramref name="thresholdBps"/>.</summary>
    public bool Record(long nowNanos, Price mid, int thresholdBps)
    {
        while (_count > 0 && nowNanos - _times[_head] > _windowNanos)
        {
            _head = (_head + 1) % _times.Length;
            _count--;
        }

        if (_count == _times.Length)
        {
            _head = (_head + 1) % _times.Length;
            _count--;
        }

        var tail = (_head + _count) % _times.Length;
        _times[tail] = nowNanos;
        _mids[tail] = mid.Raw;
        _count++;

        var min = long.MaxValue;
        var max = long.MinValue;
        for (var i = 0; i < _count; i++)
        {
            var value = _mids[(_head + i) % _mids.Length];
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        return min > 0 && ((Int128)(max - min) * 10_000) >= (Int128)min * thresholdBps;
    }
}
