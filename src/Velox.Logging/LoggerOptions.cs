namespace Velox.Logging;

/// <summary>Sizes and time base of a <see cref="Logger"/>.</summary>
public sealed class LoggerOptions
{
    /// <summary>Records the ring holds (a power of two); when full, records are dropped and counted.</summary>
    public int RingCapacity { get; init; } = 16 * 1024;

    /// <summary>Most lines the writer formats per duty cycle, so it returns to its runner regularly.</summary>
    public int BatchLimit { get; init; } = 4096;

    /// <summary>
    /// Unix-epoch nanoseconds minus the clock's nanoseconds, used to print clock times as UTC. Null measures it
    /// once at construction from the system's wall time; 0 means the clock already counts from the epoch.
    /// </summary>
    public long? EpochOffsetNanos { get; init; }
}
