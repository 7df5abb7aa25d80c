using Velox.Core;
using Velox.Core.Hashing;
using Velox.MarketData.Books;

namespace Velox.Venues.Okx;

/// <summary>
/// The OKX <c>books</c> checksum: CRC-32 (IEEE) over <c>bidPx:bidSz:askPx:askSz:...</c> for the top 25
/// levels, interleaved best first, continuing with the longer side; read as a signed 32-bit integer.
/// The text is the price and size strings as the venue sent them (kept per level by <see cref="WireTextBook"/>).
/// </summary>
public static class OkxChecksum
{
    /// <summary>Computes the checksum; false when a level's wire text is missing (book inconsistent).</summary>
    public static bool TryCompute(WireTextBook book, out int checksum)
    {
        var bids = book.Levels.Bids;
        var asks = book.Levels.Asks;
        var depth = Math.Min(OkxVenue.ChecksumDepth, Math.Max(bids.Count, asks.Count));
        var state = Crc32.Initial;
        var first = true;
        checksum = 0;
        for (var i = 0; i < depth; i++)
        {
            if (i < bids.Count && !Append(book, Side.Bid, bids.AtDepth(i).Price, ref state, ref first))
            {
                return false;
            }

            if (i < asks.Count && !Append(book, Side.Ask, asks.AtDepth(i).Price, ref state, ref first))
            {
                return false;
            }
        }

        checksum = (int)Crc32.Finish(state);
        return true;
    }

    private static bool Append(WireTextBook book, Side side, long price, ref uint state, ref bool first)
    {
        if (!book.TryGetText(side, price, out var priceText, out var sizeText))
        {
            return false;
        }

        if (!first)
        {
            state = Crc32.Append(state, (byte)':');
        }

        first = false;
        state = Crc32.Append(state, priceText);
        state = Crc32.Append(state, (byte)':');
        state = Crc32.Append(state, sizeText);
        return true;
    }
}
