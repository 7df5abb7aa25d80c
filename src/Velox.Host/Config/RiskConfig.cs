namespace Velox.Host.Config;

/// <summary>Section "risk": pre-trade limits (inclusive maxima) and circuit breakers.</summary>
public sealed class RiskConfig
{
    /// <summary>Largest order quantity.</summary>
    public ConfigDecimal MaxOrderSize { get; init; } = ConfigDecimal.FromInteger(1);

    /// <summary>Largest order notional (price × quantity) in quote units.</summary>
    public ConfigDecimal MaxOrderNotional { get; init; } = ConfigDecimal.FromInteger(100_000);

    /// <summary>Largest absolute position per instrument.</summary>
    public ConfigDecimal MaxPosition { get; init; } = ConfigDecimal.FromInteger(1);

    public int MaxOpenOrders { get; init; } = 50;

    /// <summary>Largest distance of a limit price from the reference price, in basis points.</summary>
    public int PriceBandBps { get; init; } = 500;

    /// <summary>Sustained new orders per second per venue.</summary>
    public int MaxOrdersPerSecond { get; init; } = 50;

    /// <summary>Market data older than this blocks new orders.</summary>
    public int StaleDataMillis { get; init; } = 100;

    public BreakerConfig Breakers { get; init; } = new();
}
