using System.Buffers.Text;

namespace Velox.Venues.GateIo.Requests;

/// <summary>Client → server messages (UTF-8 into a caller buffer) and REST paths.</summary>
public static class GateIoRequests
{
    /// <summary>Longest subscribe message for a 24-byte pair.</summary>
    public const int MaxLength = 160;

    /// <summary><c>{"time":T,"channel":"spot.order_book_update","event":"subscribe","payload":["BTC_USDT","100ms"]}</c></summary>
    public static bool TryWriteSubscribeBook(Span<byte> destination, ReadOnlySpan<byte> pair, long unixSeconds, out int written) =>
        TryWrite(destination, "spot.order_book_update"u8, pair, "\",\"100ms\"]}"u8, unixSeconds, out written);

    /// <summary><c>{"time":T,"channel":"spot.trades","event":"subscribe","payload":["BTC_USDT"]}</c></summary>
    public static bool TryWriteSubscribeTrades(Span<byte> destination, ReadOnlySpan<byte> pair, long unixSeconds, out int written) =>
        TryWrite(destination, "spot.trades"u8, pair, "\"]}"u8, unixSeconds, out written);

    /// <summary><c>{"time":T,"channel":"spot.tickers","event":"subscribe","payload":["BTC_USDT"]}</c></summary>
    public static bool TryWriteSubscribeTickers(Span<byte> destination, ReadOnlySpan<byte> pair, long unixSeconds, out int written) =>
        TryWrite(destination, "spot.tickers"u8, pair, "\"]}"u8, unixSeconds, out written);

    /// <summary>REST order book with the update id, e.g. <c>api/v4/spot/order_book?currency_pair=BTC_USDT&amp;limit=100&amp;with_id=true</c>.</summary>
    public static string OrderBookPath(string pair, int limit) => $"api/v4/spot/order_book?currency_pair={pair}&limit={limit}&with_id=true";

    private static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> channel, ReadOnlySpan<byte> pair, ReadOnlySpan<byte> tail, long unixSeconds, out int written)
    {
        written = 0;
        var pos = 0;
        if (!Append(destination, ref pos, "{\"time\":"u8) || !Utf8Formatter.TryFormat(unixSeconds, destination[pos..], out var n))
        {
            return false;
        }

        pos += n;
        if (!Append(destination, ref pos, ",\"channel\":\""u8) || !Append(destination, ref pos, channel)
            || !Append(destination, ref pos, "\",\"event\":\"subscribe\",\"payload\":[\""u8) || !Append(destination, ref pos, pair)
            || !Append(destination, ref pos, tail))
        {
            return false;
        }

        written = pos;
        return true;
    }

    private static bool Append(Span<byte> destination, ref int pos, ReadOnlySpan<byte> text)
    {
        if (!text.TryCopyTo(destination[pos..]))
        {
            return false;
        }

        pos += text.Length;
        return true;
    }
}
