namespace Velox.Trading.Journal;

/// <summary>The system's UTC clock in epoch nanoseconds (100 ns resolution).</summary>
public sealed class SystemWallClock : IWallClock
{
    public static readonly SystemWallClock Instance = new();

    public long EpochNanos() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
