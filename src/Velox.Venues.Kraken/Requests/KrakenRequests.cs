using Velox.MarketData.Outbound;

namespace Velox.Venues.Kraken.Requests;

/// <summary>Builders for the client → server messages, written as UTF-8 JSON into a caller buffer.</summary>
public static class KrakenRequests
{
    /// <summary>Longest message these builders produce for a 32-byte pair.</summary>
    public const int MaxLength = 160;

    /// <summary><c>{"event":"subscribe","pair":[P],"subscription":{"name":N(,"depth":D)}}</c></summary>
    public static bool TryWriteSubscribe(Span<byte> destination, KrakenChannel channel, ReadOnlySpan<byte> pair, int depth, out int written) =>
        TryWrite(destination, "{\"event\":\"subscribe\",\"pair\":[\""u8, channel, pair, depth, out written);

    /// <summary><c>{"event":"unsubscribe","pair":[P],"subscription":{"name":N(,"depth":D)}}</c></summary>
    public static bool TryWriteUnsubscribe(Span<byte> destination, KrakenChannel channel, ReadOnlySpan<byte> pair, int depth, out int written) =>
        TryWrite(destination, "{\"event\":\"unsubscribe\",\"pair\":[\""u8, channel, pair, depth, out written);

    /// <summary><c>{"event":"ping","reqid":N}</c></summary>
    public static bool TryWritePing(Span<byte> destination, long requestId, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append("{\"event\":\"ping\",\"reqid\":"u8);
        w.Append(requestId);
        w.Append("}"u8);
        return w.Finish(out written);
    }

    /// <summary>The subscription name of a channel.</summary>
    public static ReadOnlySpan<byte> ChannelName(KrakenChannel channel) => channel switch
    {
        KrakenChannel.Book => "book"u8,
        KrakenChannel.Trade => "trade"u8,
        _ => "ticker"u8,
    };

    /// <summary>The channel of a subscription or channel name ("book", "book-1000", "trade", "ticker").</summary>
    public static bool TryParseChannel(ReadOnlySpan<byte> name, out KrakenChannel channel)
    {
        channel = name.StartsWith("book"u8) ? KrakenChannel.Book
            : name.SequenceEqual("trade"u8) ? KrakenChannel.Trade
            : KrakenChannel.Ticker;
        return channel != KrakenChannel.Ticker || name.SequenceEqual("ticker"u8);
    }

    private static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> prefix, KrakenChannel channel, ReadOnlySpan<byte> pair, int depth, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append(prefix);
        w.Append(pair);
        w.Append("\"],\"subscription\":{\"name\":\""u8);
        w.Append(ChannelName(channel));
        if (channel == KrakenChannel.Book)
        {
            w.Append("\",\"depth\":"u8);
            w.Append(depth);
            w.Append("}}"u8);
        }
        else
        {
            w.Append("\"}}"u8);
        }

        return w.Finish(out written);
    }
}
