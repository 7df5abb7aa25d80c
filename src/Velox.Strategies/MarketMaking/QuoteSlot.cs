namespace Velox.Strategies.MarketMaking;

/// <summary>One working quote of the market maker (ClientOrderId 0: the slot is empty).</summary>
public struct QuoteSlot
{
    public long ClientOrderId;

    /// <summary>Price raw.</summary>
    public long Price;

    /// <summary>Quantity raw.</summary>
    public long Quantity;

    /// <summary>The venue refused an amend of this quote: it is moved by cancel + new from now on.</summary>
    public bool AmendRefused;

    /// <summary>The quote should have moved while its amend was unanswered: it is moved (or cancelled) on the next decision.</summary>
    public bool Stale;

    public readonly bool IsEmpty => ClientOrderId == 0;
}
