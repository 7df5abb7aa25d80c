namespace Velox.Venues.Mexc.Parsing;

/// <summary>One spot deal item (<c>price = 1</c>, <c>quantity = 2</c>, <c>tradeType = 3</c> (1 buy, 2 sell), <c>time = 4</c>); views into the frame.</summary>
public readonly ref struct SpotDeal
{
    internal SpotDeal(ReadOnlySpan<byte> price, ReadOnlySpan<byte> quantity, int tradeType, long time)
    {
        Price = price;
        Quantity = quantity;
        TradeType = tradeType;
        Time = time;
    }

    /// <summary>Price as decimal text.</summary>
    public ReadOnlySpan<byte> Price { get; }

    /// <summary>Quantity as decimal text.</summary>
    public ReadOnlySpan<byte> Quantity { get; }

    /// <summary>1 = taker bought, 2 = taker sold.</summary>
    public int TradeType { get; }

    /// <summary>Trade time (ms).</summary>
    public long Time { get; }
}
