namespace Velox.Trading.Journal;

/// <summary>Wall-clock time as epoch nanoseconds, for audit stamps (decisions use the monotonic <c>IClock</c>).</summary>
public interface IWallClock
{
    long EpochNanos();
}
