namespace Velox.Trading.Risk;

/// <summary>
/// Integer token bucket on caller-supplied nanoseconds: holds up to <c>burst</c> tokens, refills
/// <c>perSecond</c> tokens per second. Kept in nano-tokens so refill needs no division.
/// </summary>
public sealed class TokenBucket
{
    private const long Nano = 1_000_000_000;

    private readonly long _capacity;
    private readonly long _perSecond;
    private readonly long _fullRefillNanos;
    private long _nanoTokens;
    private long _lastNanos;

    /// <summary>Creates a full bucket at time <paramref name="nowNanos"/>.</summary>
    public TokenBucket(int perSecond, int burst, long nowNanos)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _perSecond = perSecond;
        _capacity = burst * Nano;
        _fullRefillNanos = (_capacity / _perSecond) + 1;
        _nanoTokens = _capacity;
        _lastNanos = nowNanos;
    }

    /// <summary>Whole tokens available at the last update.</summary>
    public long Tokens => _nanoTokens / Nano;

    /// <summary>Refills up to <paramref name="nowNanos"/>; true (and one token taken) when a token was there.</summary>
    public bool TryTake(long nowNanos)
    {
        var elapsed = nowNanos - _lastNanos;
        if (elapsed > 0)
        {
            _nanoTokens = elapsed >= _fullRefillNanos ? _capacity : Math.Min(_capacity, _nanoTokens + (elapsed * _perSecond));
            _lastNanos = nowNanos;
        }

        if (_nanoTokens < Nano)
        {
            return false;
        }

        _nanoTokens -= Nano;
        return true;
    }
}
