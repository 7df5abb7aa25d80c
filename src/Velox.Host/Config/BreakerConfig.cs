namespace Velox.Host.Config;

/// <summary>Section "risk.breakers": thresholds that halt or reduce trading; 0 disables a breaker.</summary>
public sealed class BreakerConfig
{
    /// <summary>Drawdown from the equity high-water mark, in quote units.</summary>
    public ConfigDecimal MaxDrawdown { get; init; } = ConfigDecimal.FromInteger(1000);

    /// <summary>What the drawdown breaker imposes when it trips.</summary>
    public BreakerModeKind DrawdownMode { get; init; } = BreakerModeKind.Halt;

    /// <summary>Realized loss since the start of the day, in quote units.</summary>
    public ConfigDecimal MaxDailyLoss { get; init; } = ConfigDecimal.FromInteger(500);

    /// <summary>What the daily-loss breaker imposes when it trips.</summary>
    public BreakerModeKind DailyLossMode { get; init; } = BreakerModeKind.ReduceOnly;

    /// <summary>Rejects and errors within one minute.</summary>
    public int MaxRejectRatePerMinute { get; init; } = 30;

    /// <summary>What the reject-rate breaker imposes when it trips.</summary>
    public BreakerModeKind RejectRateMode { get; init; } = BreakerModeKind.Halt;

    /// <summary>Mid range (max − min) within <see cref="VolatilityWindowMillis"/>, in bps of the min, that trips the volatility breaker; 0 = off.</summary>
    public int MaxMoveBps { get; init; }

    /// <summary>Window of the volatility breaker.</summary>
    public int VolatilityWindowMillis { get; init; } = 1000;

    /// <summary>What the volatility breaker imposes when it trips.</summary>
    public BreakerModeKind VolatilityMode { get; init; } = BreakerModeKind.ReduceOnly;
}
