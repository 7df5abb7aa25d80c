namespace Velox.Ipc.Platform;

/// <summary>Wall-clock milliseconds since the Unix epoch; heartbeats are compared across processes.</summary>
public interface IEpochClock
{
    long NowMillis();
}
