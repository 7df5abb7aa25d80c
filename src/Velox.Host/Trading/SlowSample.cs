namespace Velox.Host.Trading;

/// <summary>
/// One tick-to-trade sample with its stages (ns): its number (1 = first), when it came after the first sample, its
/// total, and the stages of <see cref="LatencyBreakdown"/>.
/// </summary>
public readonly record struct SlowSample(
    long Index, long SinceFirstNanos, long Total, long Ahead, long ParseApply, long Decide, long BeforeOrder, long OrderToSend);
