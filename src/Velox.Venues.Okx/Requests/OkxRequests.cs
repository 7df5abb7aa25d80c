using Velox.MarketData.Outbound;

namespace Velox.Venues.Okx.Requests;

/// <summary>Builders for the client → server messages, written as UTF-8 JSON into a caller buffer.</summary>
public static class OkxRequests
{
    /// <summary>Longest message these builders produce for a 40-byte instId.</summary>
    public const int MaxLength = 128;

    /// <summary><c>{"op":"subscribe","args":[{"channel":C,"instId":I}]}</c></summary>
    public static bool TryWriteSubscribe(Span<byte> destination, OkxChannel channel, ReadOnlySpan<byte> instId, out int written) =>
        TryWrite(destination, "{\"op\":\"subscribe\",\"args\":[{\"channel\":\""u8, channel, instId, out written);

    /// <summary><c>{"op":"unsubscribe","args":[{"channel":C,"instId":I}]}</c></summary>
    public static bool TryWriteUnsubscribe(Span<byte> destination, OkxChannel channel, ReadOnlySpan<byte> instId, out int written) =>
        TryWrite(destination, "{\"op\":\"unsubscribe\",\"args\":[{\"channel\":\""u8, channel, instId, out written);

    /// <summary>The wire name of a channel.</summary>
    public static ReadOnlySpan<byte> ChannelName(OkxChannel channel) => channel switch
    {
        OkxChannel.Books => "books"u8,
        OkxChannel.Tickers => "tickers"u8,
        _ => "trades"u8,
    };

    /// <summary>The channel with wire name <paramref name="name"/>.</summary>
    public static bool TryParseChannel(ReadOnlySpan<byte> name, out OkxChannel channel)
    {
        channel = name.SequenceEqual("books"u8) ? OkxChannel.Books
            : name.SequenceEqual("tickers"u8) ? OkxChannel.Tickers
            : OkxChannel.Trades;
        return channel != OkxChannel.Trades || name.SequenceEqual("trades"u8);
    }

    private static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> prefix, OkxChannel channel, ReadOnlySpan<byte> instId, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append(prefix);
        w.Append(ChannelName(channel));
        w.Append("\",\"instId\":\""u8);
        w.Append(instId);
        w.Append("\"}]}"u8);
        return w.Finish(out written);
    }
}
