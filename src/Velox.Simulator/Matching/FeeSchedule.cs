namespace Velox.Simulator.Matching;

/// <summary>
/// Maker and taker fees in basis points of the received amount (Bitfinex's base tier: 10 / 20).
/// A negative maker fee is a rebate paid to the maker.
/// </summary>
public sealed record FeeSchedule
{
    /// <summary>Fee of a fill that provided liquidity, bps.</summary>
    public int MakerBps { get; init; } = 10;

    /// <summary>Fee of a fill that took liquidity, bps.</summary>
    public int TakerBps { get; init; } = 20;

    /// <summary>Bitfinex's base tier.</summary>
    public static FeeSchedule Default { get; } = new();
}
