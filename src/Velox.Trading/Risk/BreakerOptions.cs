namespace Velox.Trading.Risk;

/// <summary>
/// Circuit breaker thresholds and the mode each one imposes when it trips. A breaker trips when its
/// measure reaches the threshold (≥) and stays tripped until <see cref="CircuitBreakers.Reset"/>.
/// A threshold of 0 disables that breaker.
/// </summary>
public sealed class BreakerOptions
{
    /// <summary>Drawdown from the equity high-water mark (equity units as fed to <see cref="CircuitBreakers.OnEquity"/>).</summary>
    public long MaxDrawdown { get; init; }

    public TradingMode DrawdownMode { get; init; } = TradingMode.Halt;

    /// <summary>Realized loss since <see cref="CircuitBreakers.StartDay"/> (units as fed to <see cref="CircuitBreakers.OnRealizedPnl"/>).</summary>
    public long MaxDailyLoss { get; init; }

    public TradingMode DailyLossMode { get; init; } = TradingMode.ReduceOnly;

    /// <summary>Errors/rejects within <see cref="ErrorWindowNanos"/> that trip the breaker.</summary>
    public int MaxErrors { get; init; }

    public long ErrorWindowNanos { get; init; } = 1_000_000_000;

    public TradingMode ErrorMode { get; init; } = TradingMode.Halt;

    /// <summary>Mid range (max − min) over <see cref="VolatilityWindowNanos"/>, in bps of the min, that trips the breaker.</summary>
    public int MaxMoveBps { get; init; }

    public long VolatilityWindowNanos { get; init; } = 1_000_000_000;

    /// <summary>Mid samples kept per instrument; when full the oldest is dropped even if still inside the window.</summary>
    public int VolatilitySamples { get; init; } = 256;

    public TradingMode VolatilityMode { get; init; } = TradingMode.ReduceOnly;
}
