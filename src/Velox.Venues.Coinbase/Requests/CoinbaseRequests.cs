using Velox.MarketData.Outbound;

namespace Velox.Venues.Coinbase.Requests;

/// <summary>
/// Builders for the client → server messages, written as UTF-8 JSON into a caller buffer.
/// Product ids are venue tokens (letters, digits, '-'), written without escaping.
/// </summary>
public static class CoinbaseRequests
{
    /// <summary>Longest message these builders produce for one product id of <see cref="CoinbaseVenue.MaxProductIdLength"/> bytes.</summary>
    public const int MaxLength = 160;

    /// <summary><c>{"type":"subscribe","product_ids":[P],"channels":[...]}</c></summary>
    public static bool TryWriteSubscribe(Span<byte> destination, ReadOnlySpan<byte> productId, CoinbaseChannels channels, out int written) =>
        TryWrite(destination, "{\"type\":\"subscribe\",\"product_ids\":[\""u8, productId, channels, out written);

    /// <summary><c>{"type":"unsubscribe","product_ids":[P],"channels":[...]}</c></summary>
    public static bool TryWriteUnsubscribe(Span<byte> destination, ReadOnlySpan<byte> productId, CoinbaseChannels channels, out int written) =>
        TryWrite(destination, "{\"type\":\"unsubscribe\",\"product_ids\":[\""u8, productId, channels, out written);

    private static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> head, ReadOnlySpan<byte> productId, CoinbaseChannels channels, out int written)
    {
        written = 0;
        if (channels == CoinbaseChannels.None || productId.Length > CoinbaseVenue.MaxProductIdLength)
        {
            return false;
        }

        var w = new RequestWriter(destination);
        w.Append(head);
        w.Append(productId);
        w.Append("\"],\"channels\":["u8);
        var first = true;
        AppendChannel(ref w, channels, CoinbaseChannels.Level2, "\"level2\""u8, ref first);
        AppendChannel(ref w, channels, CoinbaseChannels.Ticker, "\"ticker\""u8, ref first);
        AppendChannel(ref w, channels, CoinbaseChannels.Matches, "\"matches\""u8, ref first);
        AppendChannel(ref w, channels, CoinbaseChannels.Heartbeat, "\"heartbeat\""u8, ref first);
        w.Append("]}"u8);
        return w.Finish(out written);
    }

    private static void AppendChannel(ref RequestWriter w, CoinbaseChannels channels, CoinbaseChannels channel, ReadOnlySpan<byte> name, ref bool first)
    {
        if ((channels & channel) == 0)
        {
            return;
        }

        if (!first)
        {
            w.Append(","u8);
        }

        w.Append(name);
        first = false;
    }
}
