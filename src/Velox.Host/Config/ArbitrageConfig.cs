namespace Velox.Host.Config;

/// <summary>Section "strategy.arb": cross-venue arbitrage.</summary>
public sealed class ArbitrageConfig
{
    /// <summary>At least two venues, each also listed in the top-level venues.</summary>
    public IReadOnlyList<string> Venues { get; init; } = [];

    /// <summary>Normalized instrument traded on every venue (e.g. BTCUSD); required when strategy.kind is arb.</summary>
    public string? Instrument { get; init; }

    /// <summary>Smallest edge after fees, in basis points, worth trading (Hummingbot: min_profitability).</summary>
    public int MinProfitMarginBps { get; init; } = 5;

    /// <summary>
    /// How far each IOC leg's limit may go through the top it was decided on, in basis points of that price (0: at
    /// the top); never so far that the cycle filled at both limits earns less than minProfitMarginBps after fees.
    /// </summary>
    public int SlippageBps { get; init; }

    /// <summary>Books older than this are not used.</summary>
    public int MaxDataAgeMillis { get; init; } = 100;

    /// <summary>Size of each leg.</summary>
    public ConfigDecimal Size { get; init; } = ConfigDecimal.FromInteger(0);
}
