namespace Velox.Host.Config;

/// <summary>Section "strategy": which strategy runs and the parameters of each.</summary>
public sealed class StrategyConfig
{
    /// <summary>none (default), mm or arb.</summary>
    public StrategyKind Kind { get; init; } = StrategyKind.None;

    public MarketMakingConfig Mm { get; init; } = new();

    public ArbitrageConfig Arb { get; init; } = new();
}
