using Velox.Core;
using Velox.Core.Instruments;

namespace Velox.MarketData.Books;

/// <summary>
/// Aggregated price-level book of one instrument: two sorted array sides, O(log n) locate, O(1) top
/// of book, a fixed depth limit per side and no allocation after construction.
/// </summary>
public sealed class L2Book
{
    /// <summary>Creates an empty book keeping at most <paramref name="maxLevelsPerSide"/> levels per side.</summary>
    public L2Book(InstrumentId instrument, int maxLevelsPerSide)
    {
        Instrument = instrument;
        Bids = new L2BookSide(isBid: true, maxLevelsPerSide);
        Asks = new L2BookSide(isBid: false, maxLevelsPerSide);
    }

    /// <summary>The instrument this book belongs to.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>Bid side (best = highest price).</summary>
    public L2BookSide Bids { get; }

    /// <summary>Ask side (best = lowest price).</summary>
    public L2BookSide Asks { get; }

    /// <summary>Depth limit per side.</summary>
    public int MaxLevelsPerSide => Bids.MaxLevels;

    /// <summary>The side object for <paramref name="side"/>.</summary>
    public L2BookSide this[Side side] => side == Side.Bid ? Bids : Asks;

    /// <summary>Sets a level: a positive size inserts or replaces, a zero size deletes.</summary>
    public BookChange Apply(Side side, long price, long size, int count)
    {
        var bookSide = side == Side.Bid ? Bids : Asks;
        return size == 0 ? bookSide.Delete(price) : bookSide.Set(price, size, count);
    }

    /// <summary>Best bid and ask; false when either side is empty.</summary>
    public bool TryGetTop(out BookLevel bestBid, out BookLevel bestAsk)
    {
        if (Bids.Count == 0 || Asks.Count == 0)
        {
            bestBid = default;
            bestAsk = default;
            return false;
        }

        bestBid = Bids.Best;
        bestAsk = Asks.Best;
        return true;
    }

    /// <summary>Empties both sides.</summary>
    public void Clear()
    {
        Bids.Clear();
        Asks.Clear();
    }
}
