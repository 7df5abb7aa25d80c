using Velox.Core.Time;

namespace Velox.Logging.Tests.Support;

/// <summary>A logger on a replay clock with a fixed epoch offset, writing to a memory sink; the writer is not started.</summary>
internal sealed class TestLogger : IDisposable
{
    /// <summary>2026-11-21T10:57:39.123456789Z in Unix-epoch nanoseconds.</summary>
    public const long EpochAtClockZero = 1_795_258_659_123_456_789;

    public TestLogger(int capacity = 1024, LogLevel defaultLevel = LogLevel.Info)
    {
        Catalog = new LogCatalog(defaultLevel);
        Logger = new Logger(Catalog, Clock, new LoggerOptions { RingCapacity = capacity, EpochOffsetNanos = EpochAtClockZero }, Sink);
    }

    public LogCatalog Catalog { get; }

    public ReplayClock Clock { get; } = new();

    public MemorySink Sink { get; } = new();

    public Logger Logger { get; }

    public void Dispose() => Logger.Dispose();
}
