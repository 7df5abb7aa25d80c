namespace Velox.Archive;

/// <summary>Wall-clock epoch nanoseconds (100 ns resolution) for catalog times and the timestamp index; allocation-free.</summary>
public static class EpochTime
{
    private const long NanosPerTick = 100;

    public static long NowNanos() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * NanosPerTick;
}
