namespace Velox.Venues.Bybit.Parsing;

/// <summary>Splits topic names: <c>orderbook.{depth}.{symbol}</c>, <c>publicTrade.{symbol}</c>, <c>tickers.{symbol}</c>.</summary>
public static class BybitTopicName
{
    /// <summary>True for <c>kline.{interval}.{symbol}</c>: recorded feeds carry it; the session counts and skips it.</summary>
    public static bool IsKline(ReadOnlySpan<byte> topic) => topic.StartsWith("kline."u8);

    /// <summary>Parses a topic the session handles; <paramref name="depth"/> is 0 except for order books.</summary>
    public static bool TryParse(ReadOnlySpan<byte> topic, out BybitTopic kind, out int depth, out ReadOnlySpan<byte> symbol)
    {
        depth = 0;
        symbol = default;
        kind = BybitTopic.OrderBook;
        var dot = topic.IndexOf((byte)'.');
        if (dot <= 0)
        {
            return false;
        }

        var head = topic[..dot];
        var rest = topic[(dot + 1)..];
        if (head.SequenceEqual("orderbook"u8))
        {
            dot = rest.IndexOf((byte)'.');
            if (dot <= 0 || !TryParseDepth(rest[..dot], out depth))
            {
                return false;
            }

            rest = rest[(dot + 1)..];
        }
        else if (head.SequenceEqual("publicTrade"u8))
        {
            kind = BybitTopic.PublicTrade;
        }
        else if (head.SequenceEqual("tickers"u8))
        {
            kind = BybitTopic.Tickers;
        }
        else
        {
            return false;
        }

        symbol = rest;
        return !rest.IsEmpty && rest.IndexOf((byte)'.') < 0;
    }

    private static bool TryParseDepth(ReadOnlySpan<byte> text, out int depth)
    {
        depth = 0;
        foreach (var c in text)
        {
            var d = c - '0';
            if ((uint)d > 9 || depth > BybitVenue.MaxBookDepth)
            {
                return false;
            }

            depth = (depth * 10) + d;
        }

        return depth > 0 && depth <= BybitVenue.MaxBookDepth;
    }
}
