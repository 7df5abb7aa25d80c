namespace Velox.MarketData.Rest;

/// <summary>Timeout, retry and rate limit of an <see cref="HttpSnapshotClient"/> (one per venue).</summary>
public sealed class SnapshotClientOptions
{
    /// <summary>REST base address, e.g. https://api.binance.com/.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>Per-attempt timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts including the first.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Delay before the second attempt; doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Request weight the venue allows per <see cref="RateWindow"/> (Binance spot: 6000 per minute).</summary>
    public int RateLimitWeight { get; init; } = 6000;

    public TimeSpan RateWindow { get; init; } = TimeSpan.FromMinutes(1);
}
