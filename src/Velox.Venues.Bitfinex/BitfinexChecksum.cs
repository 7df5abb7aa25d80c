using System.Runtime.CompilerServices;
using Velox.Core.Hashing;
using Velox.Core.Numerics;
using Velox.MarketData;
using Velox.MarketData.Books;

namespace Velox.Venues.Bitfinex;

/// <summary>
/// The Bitfinex book checksum: CRC-32 (IEEE) over the top 25 bids and asks interleaved as
/// "bidPx:bidAmt:askPx:askAmt:..." (continuing with whichever side is longer), asks with negative
/// amounts, every number printed the way JavaScript prints it (7e-7, not 7E-07); the result is
/// read as a signed int32. Raw books (R0) use "orderId:amount" instead of "price:amount".
/// </summary>
[SkipLocalsInit]
public static class BitfinexChecksum
{
    /// <summary>Levels per side that the checksum covers.</summary>
    public const int Depth = 25;

    private const byte Separator = (byte)':';

    // One level pair is "px:amt" plus a separator; 2 * Depth pairs at most.
    private const int MaxTextLength = 2 * Depth * ((2 * ChecksumText.MaxLength) + 2);

    /// <summary>Checksum of an aggregated book, both sides given best first with positive sizes.</summary>
    public static int Compute(ReadOnlySpan<BookLevel> bidsBestFirst, ReadOnlySpan<BookLevel> asksBestFirst, int priceScale, int sizeScale)
    {
        Span<byte> text = stackalloc byte[MaxTextLength];
        var w = 0;
        var bids = Math.Min(bidsBestFirst.Length, Depth);
        var asks = Math.Min(asksBestFirst.Length, Depth);
        for (var i = 0; i < Depth; i++)
        {
            if (i < bids)
            {
                w = WritePair(text, w, bidsBestFirst[i].Price, priceScale, bidsBestFirst[i].Size, sizeScale);
            }

            if (i < asks)
            {
                w = WritePair(text, w, asksBestFirst[i].Price, priceScale, -asksBestFirst[i].Size, sizeScale);
            }
        }

        return Finish(text, w);
    }

    /// <summary>Checksum of a local book (top 25 per side), read in place without copying.</summary>
    public static int Compute(L2Book book, int priceScale, int sizeScale)
    {
        Span<byte> text = stackalloc byte[MaxTextLength];
        var w = 0;
        var bids = Math.Min(book.Bids.Count, Depth);
        var asks = Math.Min(book.Asks.Count, Depth);
        for (var i = 0; i < Depth; i++)
        {
            if (i < bids)
            {
                ref readonly var bid = ref book.Bids.AtDepth(i);
                w = WritePair(text, w, bid.Price, priceScale, bid.Size, sizeScale);
            }

            if (i < asks)
            {
                ref readonly var ask = ref book.Asks.AtDepth(i);
                w = WritePair(text, w, ask.Price, priceScale, -ask.Size, sizeScale);
            }
        }

        return Finish(text, w);
    }

    /// <summary>Appends "[:]first:second" to a running CRC, both numbers in JavaScript text.</summary>
    public static uint AppendPair(uint state, ref bool first, long firstRaw, int firstScale, long secondRaw, int secondScale)
    {
        if (!first)
        {
            state = Crc32.Append(state, Separator);
        }

        first = false;
        state = AppendNumber(state, firstRaw, firstScale);
        state = Crc32.Append(state, Separator);
        return AppendNumber(state, secondRaw, secondScale);
    }

    /// <summary>Feeds the JavaScript text of raw/10^scale into a running CRC.</summary>
    public static uint AppendNumber(uint state, long raw, int scale)
    {
        Span<byte> text = stackalloc byte[JsNumberFormat.MaxLength];
        JsNumberFormat.TryFormat(raw, scale, text, out var written);
        return Crc32.Append(state, text[..written]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WritePair(Span<byte> text, int w, long firstRaw, int firstScale, long secondRaw, int secondScale)
    {
        if (w > 0)
        {
            text[w++] = Separator;
        }

        w += ChecksumText.Write(firstRaw, firstScale, text[w..]);
        text[w++] = Separator;
        return w + ChecksumText.Write(secondRaw, secondScale, text[w..]);
    }

    // The whole text is hashed at once so the slicing-by-8 CRC runs on long inputs.
    private static int Finish(ReadOnlySpan<byte> text, int length) => (int)Crc32.Finish(Crc32.Append(Crc32.Initial, text[..length]));
}
