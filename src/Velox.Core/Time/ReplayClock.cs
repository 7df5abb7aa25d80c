namespace Velox.Core.Time;

/// <summary>A clock that only moves when told: replays and tests set it from recorded timestamps.</summary>
public sealed class ReplayClock : IClock
{
    private long _now;

    public ReplayClock(long startNanos = 0) => _now = startNanos;

    public long NowNanos() => Volatile.Read(ref _now);

    /// <summary>Sets the time; moving backwards is refused so derived intervals stay non-negative.</summary>
    public void Set(long nanos)
    {
        if (nanos < Volatile.Read(ref _now))
        {
            throw new ArgumentOutOfRangeException(nameof(nanos), nanos, "a replay clock never moves backwards");
        }

        Volatile.Write(ref _now, nanos);
    }

    public void Advance(long nanos) => Set(Volatile.Read(ref _now) + nanos);
}
