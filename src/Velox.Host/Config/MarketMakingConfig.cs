namespace Velox.Host.Config;

/// <summary>Section "strategy.mm": the market-making strategy.</summary>
public sealed class MarketMakingConfig
{
    /// <summary>Venue symbol to quote (e.g. tBTCUSD); required when strategy.kind is mm.</summary>
    public string? Instrument { get; init; }

    /// <summary>Quoted spread around the fair price, in basis points.</summary>
    public int SpreadBps { get; init; } = 10;

    /// <summary>Size of each quote.</summary>
    public ConfigDecimal Size { get; init; } = ConfigDecimal.FromInteger(0);

    /// <summary>Quotes per side.</summary>
    public int Levels { get; init; } = 1;

    /// <summary>Fair-price move, in basis points, that triggers a requote.</summary>
    public int RequoteThresholdBps { get; init; } = 2;

    /// <summary>Largest absolute inventory before one side stops quoting.</summary>
    public ConfigDecimal InventoryLimit { get; init; } = ConfigDecimal.FromInteger(0);

    /// <summary>Weight of the top-of-book imbalance in the fair price, 0 … 1 (a ratio, not a price).</summary>
    public double ImbalanceWeight { get; init; } = 0.5;

    /// <summary>How a working quote is moved when it must change: amended in place, or cancelled and placed anew.</summary>
    public RequoteKind Requote { get; init; } = RequoteKind.Amend;

    /// <summary>Quote shift, in basis points, at full inventory.</summary>
    public int InventorySkewBps { get; init; } = 5;
}
