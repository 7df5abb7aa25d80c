namespace Velox.Net.Reconnect;

/// <summary>
/// Exponential backoff with jitter and a cap for reconnecting to a venue. Pure logic: the caller passes
/// times (monotonic nanoseconds) and sleeps itself, so a seeded <see cref="Random"/> makes it fully
/// deterministic. The backoff starts over once a connection has stayed up for the stable period, so a
/// flapping venue keeps backing off while a rare disconnect reconnects fast.
/// </summary>
public sealed class ReconnectPolicy
{
    private readonly long _baseTicks;
    private readonly long _maxTicks;
    private readonly long _stableNanos;
    private readonly ReconnectJitter _jitter;
    private readonly Random _random;
    private long _previousTicks;
    private long _connectedAt;
    private bool _connected;

    /// <param name="baseDelay">First (uncapped, unjittered) delay.</param>
    /// <param name="maxDelay">No delay exceeds this.</param>
    /// <param name="stablePeriod">A connection that lasted this long resets the backoff when it drops.</param>
    /// <param name="jitter">Randomization scheme.</param>
    /// <param name="random">Source of jitter; pass a seeded one for deterministic tests and replays.</param>
    public ReconnectPolicy(TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan stablePeriod, ReconnectJitter jitter, Random random)
    {
        if (baseDelay <= TimeSpan.Zero || maxDelay < baseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDelay), "need 0 < baseDelay <= maxDelay");
        }

        if (stablePeriod < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(stablePeriod), stablePeriod, "must not be negative");
        }

        _baseTicks = baseDelay.Ticks;
        _maxTicks = maxDelay.Ticks;
        _stableNanos = stablePeriod.Ticks * 100;
        _jitter = jitter;
        _random = random;
        _previousTicks = _baseTicks;
    }

    /// <summary>Consecutive attempts since the last reset.</summary>
    public int Attempt { get; private set; }

    /// <summary>Call when a connection is established (handshake done).</summary>
    public void OnConnected(long nowNanos)
    {
        _connected = true;
        _connectedAt = nowNanos;
    }

    /// <summary>
    /// Call when a connection dropped or an attempt failed; returns how long to wait before the next
    /// attempt. A drop after a stable connection starts the backoff over.
    /// </summary>
    public TimeSpan NextDelay(long nowNanos)
    {
        if (_connected && nowNanos - _connectedAt >= _stableNanos)
        {
            Reset();
        }

        _connected = false;
        long ticks;
        if (_jitter == ReconnectJitter.Full)
        {
            // The shift is bounded so base << shift stays below 2^62 however many attempts there were.
            var shift = Math.Min(Attempt, (int)long.LeadingZeroCount(_baseTicks) - 2);
            var ceiling = Math.Min(_maxTicks, _baseTicks << shift);
            ticks = _random.NextInt64(0, ceiling + 1);
        }
        else
        {
            var upper = Math.Min(_maxTicks, _previousTicks > _maxTicks / 3 ? _maxTicks : _previousTicks * 3);
            ticks = _random.NextInt64(_baseTicks, upper + 1);
            _previousTicks = ticks;
        }

        Attempt++;
        return TimeSpan.FromTicks(ticks);
    }

    /// <summary>Starts the backoff over.</summary>
    public void Reset()
    {
        Attempt = 0;
        _previousTicks = _baseTicks;
    }
}
