using System.Diagnostics;

namespace Velox.Core.Time;

/// <summary>The machine's monotonic clock in nanoseconds (CLOCK_MONOTONIC via Stopwatch on Linux).</summary>
public sealed class MonotonicClock : IClock
{
    public static readonly MonotonicClock Instance = new();

    private static readonly double TicksToNanos = 1_000_000_000.0 / Stopwatch.Frequency;

    /// <summary>Static form for call sites that must not pay for an interface call.</summary>
    public static long Now() =>
        Stopwatch.Frequency == 1_000_000_000 ? Stopwatch.GetTimestamp() : (long)(Stopwatch.GetTimestamp() * TicksToNanos);

    public long NowNanos() => Now();
}
