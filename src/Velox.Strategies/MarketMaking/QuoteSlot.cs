namespace Velox.Strategies.MarketMaking;

/// <summary>One working quote of the market maker (ClientOrderId 0: the slot is empty).</summary>
public struct QuoteSlot
{
    public long ClientOrderId;

    /// <summary>Price raw.</summary>
    public long Price;

    /// <summary>Quantity raw.</summary>
    public long Quantity;

    public readonly bool IsEmpty => ClientOrderId == 0;
}
