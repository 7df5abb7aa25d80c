using Velox.Core;
using Velox.Core.Hashing;
using Velox.MarketData.Books;

namespace Velox.Venues.Kraken;

/// <summary>
/// The Kraken v1 book checksum: CRC-32 (IEEE) over the top 10 asks (best first) then the top 10 bids
/// (best first); each level contributes its price then its volume text as sent, with '.' removed and
/// leading zeros stripped ("0.05005" → "5005", "1.50000000" → "150000000"). Sent as unsigned decimal.
/// </summary>
public static class KrakenChecksum
{
    /// <summary>Computes the checksum; false when a level's wire text is missing (book inconsistent).</summary>
    public static bool TryCompute(WireTextBook book, out uint checksum)
    {
        var state = Crc32.Initial;
        checksum = 0;
        if (!AppendSide(book, Side.Ask, ref state) || !AppendSide(book, Side.Bid, ref state))
        {
            return false;
        }

        checksum = Crc32.Finish(state);
        return true;
    }

    private static bool AppendSide(WireTextBook book, Side side, ref uint state)
    {
        var levels = book.Levels[side];
        var depth = Math.Min(KrakenVenue.ChecksumDepth, levels.Count);
        Span<byte> digits = stackalloc byte[2 * WireTextBook.MaxTextLength];
        for (var i = 0; i < depth; i++)
        {
            if (!book.TryGetText(side, levels.AtDepth(i).Price, out var price, out var volume))
            {
                return false;
            }

            var n = Digits(price, digits);
            n += Digits(volume, digits[n..]);
            state = Crc32.Append(state, digits[..n]);
        }

        return true;
    }

    /// <summary>Writes the text without '.' and without leading zeros; returns the byte count.</summary>
    private static int Digits(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (c == (byte)'.' || (c == (byte)'0' && n == 0))
            {
                continue;
            }

            destination[n++] = c;
        }

        return n;
    }
}
