namespace Velox.Core.Time;

/// <summary>
/// Nanosecond time source. Anything that feeds decisions takes time from an injected clock so replays
/// are deterministic. <see cref="NowNanos"/> is monotonic (not wall time).
/// </summary>
public interface IClock
{
    long NowNanos();
}
