using Velox.MarketData.Feeds;
using Velox.MarketData.Json;

namespace Velox.Venues.GateIo.Parsing;

/// <summary>
/// Hand-written, allocation-free parser of Gate.io v4 spot frames and REST order-book bodies. One pass
/// over the envelope, one over <c>result</c>; level arrays are read later by the session, after the
/// update ids were checked.
/// </summary>
public static class GateIoMessageParser
{
    /// <summary>Parses <paramref name="frame"/>; on failure <paramref name="message"/> holds what was read so far.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out GateIoMessage message, out FeedError error)
    {
        message = default;
        var probe = new JsonScanner(frame);
        if (probe.Peek() != (byte)'{')
        {
            error = probe.AtEnd ? FeedError.Empty : FeedError.Malformed;
            return false;
        }

        if (!TryReadObject(frame, ref message, out var result, out error))
        {
            return false;
        }

        if (!result.IsEmpty)
        {
            message.HasResult = true;
            return TryReadObject(result, ref message, out _, out error);
        }

        return true;
    }

    private static bool TryReadObject(ReadOnlySpan<byte> text, scoped ref GateIoMessage m, out ReadOnlySpan<byte> result, out FeedError error)
    {
        result = default;
        var inner = text[..0];
        var r = new JsonScanner(text);
        r.TryConsume((byte)'{');
        if (!r.TryConsume((byte)'}'))
        {
            do
            {
                if (!r.TryReadPropertyName(out var name))
                {
                    error = FeedError.Malformed;
                    return false;
                }

                if (!TryReadMember(ref r, name, ref m, ref inner))
                {
                    error = r.Peek() == 0 ? FeedError.Malformed : FeedError.UnexpectedType;
                    return false;
                }
            }
            while (r.TryConsume((byte)','));

            if (!r.TryConsume((byte)'}'))
            {
                error = FeedError.Malformed;
                return false;
            }
        }

        result = inner;
        error = r.AtEnd ? FeedError.None : FeedError.Malformed;
        return error == FeedError.None;
    }

    private static bool TryReadMember(ref JsonScanner r, ReadOnlySpan<byte> name, scoped ref GateIoMessage m, ref ReadOnlySpan<byte> result)
    {
        if (name.Length == 1)
        {
            switch (name[0])
            {
                case (byte)'s':
                    return r.TryReadString(out m.Pair);
                case (byte)'U':
                    m.HasIds = true;
                    return r.TryReadInt64(out m.FirstId);
                case (byte)'u':
                    return r.TryReadInt64(out m.LastId);
                case (byte)'b':
                    return r.TryReadComposite(out m.Bids);
                case (byte)'a':
                    return r.TryReadComposite(out m.Asks);
                default:
                    return r.TrySkipValue();
            }
        }

        return name switch
        {
            _ when name.SequenceEqual("channel"u8) => TryReadChannel(ref r, ref m),
            _ when name.SequenceEqual("event"u8) => TryReadEvent(ref r, ref m),
            _ when name.SequenceEqual("result"u8) => r.Peek() == (byte)'{' ? r.TryReadComposite(out result) : r.TrySkipValue(),
            _ when name.SequenceEqual("error"u8) => TryReadError(ref r, ref m),
            _ when name.SequenceEqual("id"u8) => m.HasId = r.TryReadInt64(out m.Id),
            _ when name.SequenceEqual("currency_pair"u8) => r.TryReadString(out m.Pair),
            _ when name.SequenceEqual("bids"u8) => r.TryReadComposite(out m.Bids),
            _ when name.SequenceEqual("asks"u8) => r.TryReadComposite(out m.Asks),
            _ when name.SequenceEqual("side"u8) => r.TryReadString(out m.Side),
            _ when name.SequenceEqual("amount"u8) => r.TryReadString(out m.Amount),
            _ when name.SequenceEqual("price"u8) => r.TryReadString(out m.Price),
            _ when name.SequenceEqual("create_time_ms"u8) => r.TryReadString(out m.CreateTimeMs),
            _ when name.SequenceEqual("last"u8) => r.TryReadString(out m.Last),
            _ when name.SequenceEqual("lowest_ask"u8) => r.TryReadString(out m.LowestAsk),
            _ when name.SequenceEqual("highest_bid"u8) => r.TryReadString(out m.HighestBid),
            _ when name.SequenceEqual("change_percentage"u8) => r.TryReadString(out m.ChangePercentage),
            _ when name.SequenceEqual("base_volume"u8) => r.TryReadString(out m.BaseVolume),
            _ when name.SequenceEqual("high_24h"u8) => r.TryReadString(out m.High24h),
            _ when name.SequenceEqual("low_24h"u8) => r.TryReadString(out m.Low24h),
            _ => r.TrySkipValue(),
        };
    }

    private static bool TryReadChannel(ref JsonScanner r, scoped ref GateIoMessage m)
    {
        if (!r.TryReadString(out var channel))
        {
            return false;
        }

        m.Channel = channel.SequenceEqual("spot.order_book_update"u8) ? GateIoChannel.OrderBookUpdate
            : channel.SequenceEqual("spot.trades"u8) ? GateIoChannel.Trades
            : channel.SequenceEqual("spot.tickers"u8) ? GateIoChannel.Tickers
            : channel.SequenceEqual("spot.candlesticks"u8) ? GateIoChannel.Candlesticks
            : channel.SequenceEqual("spot.pong"u8) || channel.SequenceEqual("spot.ping"u8) ? GateIoChannel.Ping
            : GateIoChannel.Other;
        return true;
    }

    private static bool TryReadEvent(ref JsonScanner r, scoped ref GateIoMessage m)
    {
        if (!r.TryReadString(out var e))
        {
            return false;
        }

        m.Event = e.SequenceEqual("update"u8) ? GateIoEventKind.Update
            : e.SequenceEqual("subscribe"u8) ? GateIoEventKind.Subscribe
            : e.SequenceEqual("unsubscribe"u8) ? GateIoEventKind.Unsubscribe
            : GateIoEventKind.Other;
        return true;
    }

    private static bool TryReadError(ref JsonScanner r, scoped ref GateIoMessage m)
    {
        m.IsError = r.Peek() != (byte)'n';
        return r.TrySkipValue();
    }
}
