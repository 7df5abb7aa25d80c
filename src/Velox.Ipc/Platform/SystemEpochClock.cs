namespace Velox.Ipc.Platform;

/// <summary>The system wall clock (CLOCK_REALTIME through the vDSO on Linux).</summary>
public sealed class SystemEpochClock : IEpochClock
{
    public static readonly SystemEpochClock Instance = new();

    public long NowMillis() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
