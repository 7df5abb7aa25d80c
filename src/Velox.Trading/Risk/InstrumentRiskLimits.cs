namespace Velox.Trading.Risk;

/// <summary>
/// Per-instrument limits, raw at the instrument's scales. Each is an inclusive maximum: a value equal to
/// the limit passes, one raw unit above is refused.
/// </summary>
public sealed class InstrumentRiskLimits
{
    /// <summary>Largest order quantity (size scale).</summary>
    public long MaxOrderQuantity { get; init; } = long.MaxValue;

    /// <summary>Largest order notional, price × quantity, in quote units at the price scale.</summary>
    public long MaxOrderNotional { get; init; } = long.MaxValue;

    /// <summary>Largest absolute position after this and all open same-side orders fill (size scale).</summary>
    public long MaxPosition { get; init; } = long.MaxValue;

    /// <summary>Most open orders on the instrument.</summary>
    public int MaxOpenOrders { get; init; } = int.MaxValue;

    /// <summary>Largest distance of a limit price from the reference price, in basis points.</summary>
    public int PriceBandBps { get; init; } = 10_000;
}
