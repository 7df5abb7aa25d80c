using System.Buffers.Text;
using System.Text;

namespace Velox.Venues.Binance.Requests;

/// <summary>
/// Client → server messages and endpoint paths. WebSocket messages are written as UTF-8 into a caller
/// buffer; symbols are venue tokens (letters and digits) written without escaping.
/// </summary>
public static class BinanceRequests
{
    /// <summary>Longest subscribe message for a 20-byte symbol.</summary>
    public const int MaxLength = 128;

    /// <summary><c>{"method":"SUBSCRIBE","params":["btcusdt@depth@100ms"],"id":N}</c></summary>
    public static bool TryWriteSubscribe(Span<byte> destination, ReadOnlySpan<byte> symbol, BinanceStreams stream, long id, out int written) =>
        TryWriteMethod(destination, "SUBSCRIBE"u8, symbol, stream, id, out written);

    /// <summary><c>{"method":"UNSUBSCRIBE","params":["btcusdt@trade"],"id":N}</c></summary>
    public static bool TryWriteUnsubscribe(Span<byte> destination, ReadOnlySpan<byte> symbol, BinanceStreams stream, long id, out int written) =>
        TryWriteMethod(destination, "UNSUBSCRIBE"u8, symbol, stream, id, out written);

    /// <summary>Stream name <c>&lt;lower-case symbol&gt;@&lt;stream&gt;</c> for exactly one stream flag.</summary>
    public static bool TryWriteStreamName(Span<byte> destination, ReadOnlySpan<byte> symbol, BinanceStreams stream, out int written)
    {
        written = 0;
        var suffix = Suffix(stream);
        if (suffix.IsEmpty || symbol.Length + suffix.Length > destination.Length)
        {
            return false;
        }

        for (var i = 0; i < symbol.Length; i++)
        {
            var c = symbol[i];
            destination[i] = (uint)(c - 'A') < 26 ? (byte)(c | 0x20) : c;
        }

        suffix.CopyTo(destination[symbol.Length..]);
        written = symbol.Length + suffix.Length;
        return true;
    }

    /// <summary>REST depth snapshot path and query, e.g. <c>api/v3/depth?symbol=BTCUSDT&amp;limit=1000</c>.</summary>
    public static string DepthSnapshotPath(BinanceMarket market, string symbol, int limit) =>
        $"{(market == BinanceMarket.Spot ? "api/v3/depth" : "fapi/v1/depth")}?symbol={symbol}&limit={limit}";

    /// <summary>Combined-stream URL carrying every stream of <paramref name="subscriptions"/> (cold path).</summary>
    public static Uri CombinedStreamUrl(BinanceMarket market, IEnumerable<(string Symbol, BinanceStreams Streams)> subscriptions)
    {
        var url = new StringBuilder(BinanceVenue.StreamBase(market).ToString()).Append("?streams=");
        var first = true;
        Span<byte> name = stackalloc byte[64];
        foreach (var (symbol, streams) in subscriptions)
        {
            for (var flag = BinanceStreams.Depth; flag <= BinanceStreams.BookTicker; flag = (BinanceStreams)((int)flag << 1))
            {
                if ((streams & flag) != 0 && TryWriteStreamName(name, Encoding.ASCII.GetBytes(symbol), flag, out var n))
                {
                    url.Append(first ? string.Empty : "/").Append(Encoding.ASCII.GetString(name[..n]));
                    first = false;
                }
            }
        }

        return new Uri(url.ToString());
    }

    private static ReadOnlySpan<byte> Suffix(BinanceStreams stream) => stream switch
    {
        BinanceStreams.Depth => "@depth@100ms"u8,
        BinanceStreams.Trade => "@trade"u8,
        BinanceStreams.AggTrade => "@aggTrade"u8,
        BinanceStreams.BookTicker => "@bookTicker"u8,
        _ => default,
    };

    private static bool TryWriteMethod(Span<byte> destination, ReadOnlySpan<byte> method, ReadOnlySpan<byte> symbol, BinanceStreams stream, long id, out int written)
    {
        written = 0;
        var pos = 0;
        if (!Append(destination, ref pos, "{\"method\":\""u8) || !Append(destination, ref pos, method) || !Append(destination, ref pos, "\",\"params\":[\""u8)
            || !TryWriteStreamName(destination[pos..], symbol, stream, out var n))
        {
            return false;
        }

        pos += n;
        if (!Append(destination, ref pos, "\"],\"id\":"u8) || !Utf8Formatter.TryFormat(id, destination[pos..], out n))
        {
            return false;
        }

        pos += n;
        if (!Append(destination, ref pos, "}"u8))
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
