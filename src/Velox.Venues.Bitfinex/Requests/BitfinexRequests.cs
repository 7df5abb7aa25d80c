using Velox.MarketData.Outbound;

namespace Velox.Venues.Bitfinex.Requests;

/// <summary>
/// Builders for the client → server messages, written as UTF-8 JSON into a caller buffer.
/// Symbols and precisions are venue tokens (letters, digits, ':'), written without escaping.
/// </summary>
public static class BitfinexRequests
{
    /// <summary>Longest message these builders produce for a 32-byte symbol.</summary>
    public const int MaxLength = 192;

    /// <summary><c>{"event":"conf","flags":N}</c></summary>
    public static bool TryWriteConf(Span<byte> destination, BitfinexConfFlags flags, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append("{\"event\":\"conf\",\"flags\":"u8);
        w.Append((long)flags);
        w.Append("}"u8);
        return w.Finish(out written);
    }

    /// <summary><c>{"event":"subscribe","channel":"book","symbol":S,"prec":P,"freq":F,"len":"N"}</c></summary>
    public static bool TryWriteSubscribeBook(Span<byte> destination, ReadOnlySpan<byte> symbol, ReadOnlySpan<byte> precision, ReadOnlySpan<byte> frequency, int length, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\""u8);
        w.Append(symbol);
        w.Append("\",\"prec\":\""u8);
        w.Append(precision);
        w.Append("\",\"freq\":\""u8);
        w.Append(frequency);
        w.Append("\",\"len\":\""u8);
        w.Append(length);
        w.Append("\"}"u8);
        return w.Finish(out written);
    }

    /// <summary><c>{"event":"subscribe","channel":"trades","symbol":S}</c></summary>
    public static bool TryWriteSubscribeTrades(Span<byte> destination, ReadOnlySpan<byte> symbol, out int written) =>
        TryWriteSimpleSubscribe(destination, "trades"u8, symbol, out written);

    /// <summary><c>{"event":"subscribe","channel":"ticker","symbol":S}</c></summary>
    public static bool TryWriteSubscribeTicker(Span<byte> destination, ReadOnlySpan<byte> symbol, out int written) =>
        TryWriteSimpleSubscribe(destination, "ticker"u8, symbol, out written);

    /// <summary><c>{"event":"unsubscribe","chanId":N}</c></summary>
    public static bool TryWriteUnsubscribe(Span<byte> destination, long channelId, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append("{\"event\":\"unsubscribe\",\"chanId\":"u8);
        w.Append(channelId);
        w.Append("}"u8);
        return w.Finish(out written);
    }

    /// <summary><c>{"event":"ping","cid":N}</c></summary>
    public static bool TryWritePing(Span<byte> destination, long correlationId, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append("{\"event\":\"ping\",\"cid\":"u8);
        w.Append(correlationId);
        w.Append("}"u8);
        return w.Finish(out written);
    }

    private static bool TryWriteSimpleSubscribe(Span<byte> destination, ReadOnlySpan<byte> channel, ReadOnlySpan<byte> symbol, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append("{\"event\":\"subscribe\",\"channel\":\""u8);
        w.Append(channel);
        w.Append("\",\"symbol\":\""u8);
        w.Append(symbol);
        w.Append("\"}"u8);
        return w.Finish(out written);
    }
}
