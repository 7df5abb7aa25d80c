using Velox.Core.Numerics;
using Velox.MarketData.Books;

namespace Velox.MarketData.Replay;

/// <summary>Builds the <see cref="ReplayBook"/> lines of replay-check reports.</summary>
public static class ReplayBooks
{
    /// <summary>The size and top of <paramref name="book"/>, prices and sizes formatted at the instrument's scales.</summary>
    public static ReplayBook Top(string symbol, string channel, string state, L2Book book, int priceScale, int sizeScale)
    {
        ArgumentNullException.ThrowIfNull(book);
        var hasBid = book.Bids.Count > 0;
        var hasAsk = book.Asks.Count > 0;
        return new ReplayBook(
            symbol,
            channel,
            state,
            book.Bids.Count,
            book.Asks.Count,
            hasBid ? FixedPoint.ToString(book.Bids.Best.Price, priceScale) : null,
            hasBid ? FixedPoint.ToString(book.Bids.Best.Size, sizeScale) : null,
            hasAsk ? FixedPoint.ToString(book.Asks.Best.Price, priceScale) : null,
            hasAsk ? FixedPoint.ToString(book.Asks.Best.Size, sizeScale) : null);
    }
}
