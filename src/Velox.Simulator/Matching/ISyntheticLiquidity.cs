using Velox.MarketData;

namespace Velox.Simulator.Matching;

/// <summary>
/// The generated market an order can trade against: the aggregated levels of one connection's
/// synthetic book, or of the market all connections share. Consuming liquidity is the owner's business (it also publishes the book change
/// and the public trade).
/// </summary>
public interface ISyntheticLiquidity
{
    /// <summary>Number of levels on one side of <paramref name="instrument"/>.</summary>
    int Depth(int instrument, bool bids);

    /// <summary>Level <paramref name="index"/> (0 = best) of one side.</summary>
    BookLevel Level(int instrument, bool bids, int index);

    /// <summary>
    /// Removes <paramref name="size"/> from the best level of one side (size ≤ that level's size)
    /// because an order traded it at <paramref name="tradePrice"/>; <paramref name="takerBuys"/> gives the public trade's sign.
    /// </summary>
    void Consume(int instrument, bool bids, long size, long tradePrice, bool takerBuys, long mts);
}
