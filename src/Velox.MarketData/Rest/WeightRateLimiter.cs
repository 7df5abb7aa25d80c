using Velox.Core.Time;

namespace Velox.MarketData.Rest;

/// <summary>
/// Token bucket over request weight (Binance-style limits: N weight per window), refilled continuously
/// from an injected clock so tests and replays are deterministic. Thread-safe (a lock; cold path).
/// </summary>
public sealed class WeightRateLimiter
{
    private readonly IClock _clock;
    private readonly Lock _lock = new();
    private readonly double _capacity;
    private readonly double _perNano;
    private double _tokens;
    private long _lastNanos;

    /// <summary>Allows <paramref name="weight"/> per <paramref name="window"/>, starting full.</summary>
    public WeightRateLimiter(int weight, TimeSpan window, IClock clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _clock = clock;
        _capacity = weight;
        _tokens = weight;
        _perNano = weight / (window.Ticks * 100.0);
        _lastNanos = clock.NowNanos();
    }

    /// <summary>Takes <paramref name="weight"/> if available; otherwise returns false and how long until it will be.</summary>
    public bool TryAcquire(int weight, out TimeSpan wait)
    {
        lock (_lock)
        {
            var now = _clock.NowNanos();
            _tokens = Math.Min(_capacity, _tokens + ((now - _lastNanos) * _perNano));
            _lastNanos = now;
            var cost = Math.Min(weight, _capacity);
            if (_tokens >= cost)
            {
                _tokens -= cost;
                wait = TimeSpan.Zero;
                return true;
            }

            wait = TimeSpan.FromTicks((long)Math.Ceiling((cost - _tokens) / _perNano / 100.0));
            return false;
        }
    }
}
