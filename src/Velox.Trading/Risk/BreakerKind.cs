namespace Velox.Trading.Risk;

/// <summary>The circuit breakers. Values index per-breaker state.</summary>
public enum BreakerKind : byte
{
    /// <summary>Equity fell from its high-water mark by at least the threshold.</summary>
    Drawdown = 0,

    /// <summary>Realized loss since the start of the day reached the threshold.</summary>
    DailyLoss,

    /// <summary>At least N errors/rejects within the window.</summary>
    ErrorRate,

    /// <summary>An instrument's mid moved at least N bps (max vs min) within the window.</summary>
    Volatility,
}
