using Velox.MarketData.Outbound;

namespace Velox.Venues.Bybit.Requests;

/// <summary>Builders for the client → server messages, written as UTF-8 JSON into a caller buffer.</summary>
public static class BybitRequests
{
    /// <summary>Longest message these builders produce for a topic of up to 64 bytes.</summary>
    public const int MaxLength = 128;

    /// <summary><c>{"op":"subscribe","args":["topic"]}</c></summary>
    public static bool TryWriteSubscribe(Span<byte> destination, ReadOnlySpan<byte> topic, out int written) =>
        TryWrite(destination, "{\"op\":\"subscribe\",\"args\":[\""u8, topic, out written);

    /// <summary><c>{"op":"unsubscribe","args":["topic"]}</c></summary>
    public static bool TryWriteUnsubscribe(Span<byte> destination, ReadOnlySpan<byte> topic, out int written) =>
        TryWrite(destination, "{\"op\":\"unsubscribe\",\"args\":[\""u8, topic, out written);

    /// <summary><c>{"op":"ping"}</c>: Bybit drops a connection that sends nothing for 20 s.</summary>
    public static bool TryWritePing(Span<byte> destination, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append("{\"op\":\"ping\"}"u8);
        return w.Finish(out written);
    }

    /// <summary>The topic name of a channel for <paramref name="symbol"/> (cold path).</summary>
    public static string TopicName(BybitTopic topic, string symbol, int depth = 0) => topic switch
    {
        BybitTopic.OrderBook => $"orderbook.{depth}.{symbol}",
        BybitTopic.PublicTrade => $"publicTrade.{symbol}",
        _ => $"tickers.{symbol}",
    };

    private static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> topic, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append(prefix);
        w.Append(topic);
        w.Append("\"]}"u8);
        return w.Finish(out written);
    }
}
