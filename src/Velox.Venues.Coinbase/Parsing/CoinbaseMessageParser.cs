using System.Runtime.CompilerServices;
using Velox.Core.Numerics;
using Velox.MarketData.Json;

namespace Velox.Venues.Coinbase.Parsing;

/// <summary>
/// One pass over the top-level object of a ws-feed message, in any field order, collecting the fields
/// the session uses as raw spans. Nested arrays (book levels, changes) are read later, in place.
/// </summary>
public static class CoinbaseMessageParser
{
    /// <summary>
    /// Parses the top level of <paramref name="frame"/>; the message type is Unknown for types the session does not know.
    /// On failure <paramref name="message"/> holds the fields read before the fault (a truncated l2update still names its product).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out CoinbaseMessage message, out FrameError error)
    {
        var m = new CoinbaseMessage { Sequence = -1, TradeId = -1 };
        error = ParseTop(frame, ref m);
        message = m;
        return error == FrameError.None;
    }

    private static FrameError ParseTop(ReadOnlySpan<byte> frame, ref CoinbaseMessage message)
    {
        var c = new JsonScanner(frame);
        if (c.AtEnd)
        {
            return FrameError.Empty;
        }

        if (!c.TryConsume((byte)'{'))
        {
            return FrameError.Malformed;
        }

        var typeSeen = false;
        if (!c.TryConsume((byte)'}'))
        {
            do
            {
                if (!c.TryReadPropertyName(out var name))
                {
                    return FrameError.Malformed;
                }

                var error = ReadField(ref c, name, ref message, ref typeSeen);
                if (error != FrameError.None)
                {
                    return error;
                }
            }
            while (c.TryConsume((byte)','));

            if (!c.TryConsume((byte)'}'))
            {
                return FrameError.Malformed;
            }
        }

        if (!c.AtEnd)
        {
            return FrameError.Malformed;
        }

        return typeSeen ? FrameError.None : FrameError.UnexpectedType;
    }

    /// <summary>Reads <c>["price","size", ...]</c> (extra elements such as an order count are skipped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadLevel(ref JsonScanner c, int priceScale, int sizeScale, out long price, out long size, out FrameError error)
    {
        price = 0;
        size = 0;
        if (!c.TryConsume((byte)'[') || !c.TryReadNumberText(out var priceToken) || !c.TryConsume((byte)',') || !c.TryReadNumberText(out var sizeToken))
        {
            error = FrameError.Malformed;
            return false;
        }

        if (!TrySkipRest(ref c))
        {
            error = FrameError.Malformed;
            return false;
        }

        if (!TryParseFixed(priceToken, priceScale, out price, out error) || !TryParseFixed(sizeToken, sizeScale, out size, out error))
        {
            return false;
        }

        if (price <= 0 || size < 0)
        {
            error = FrameError.InvalidValue;
            return false;
        }

        return true;
    }

    /// <summary>Reads <c>["buy"|"sell","price","size"]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadChange(ref JsonScanner c, int priceScale, int sizeScale, out bool isBuy, out long price, out long size, out FrameError error)
    {
        isBuy = false;
        price = 0;
        size = 0;
        if (!c.TryConsume((byte)'[') || !c.TryReadString(out var side) || !c.TryConsume((byte)','))
        {
            error = FrameError.Malformed;
            return false;
        }

        if (!TryParseSide(side, out isBuy))
        {
            error = FrameError.InvalidValue;
            return false;
        }

        if (!c.TryReadNumberText(out var priceToken) || !c.TryConsume((byte)',') || !c.TryReadNumberText(out var sizeToken) || !TrySkipRest(ref c))
        {
            error = FrameError.Malformed;
            return false;
        }

        if (!TryParseFixed(priceToken, priceScale, out price, out error) || !TryParseFixed(sizeToken, sizeScale, out size, out error))
        {
            return false;
        }

        if (price <= 0 || size < 0)
        {
            error = FrameError.InvalidValue;
            return false;
        }

        return true;
    }

    /// <summary>"buy" or "sell".</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseSide(ReadOnlySpan<byte> side, out bool isBuy)
    {
        isBuy = side.SequenceEqual("buy"u8);
        return isBuy || side.SequenceEqual("sell"u8);
    }

    /// <summary>Fixed-point parse with the failure mapped to a <see cref="FrameError"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseFixed(ReadOnlySpan<byte> token, int scale, out long raw, out FrameError error)
    {
        if (FixedPoint.TryParse(token, scale, out raw, out var status))
        {
            error = FrameError.None;
            return true;
        }

        error = status switch
        {
            FixedParseStatus.TooManyDecimals => FrameError.TooManyDecimals,
            FixedParseStatus.Overflow => FrameError.NumberOverflow,
            _ => FrameError.InvalidNumber,
        };
        return false;
    }

    /// <summary>Skips any further elements of the current array and its closing bracket.</summary>
    private static bool TrySkipRest(ref JsonScanner c)
    {
        while (c.TryConsume((byte)','))
        {
            if (!c.TrySkipValue())
            {
                return false;
            }
        }

        return c.TryConsume((byte)']');
    }

    private static FrameError ReadField(scoped ref JsonScanner c, scoped ReadOnlySpan<byte> name, ref CoinbaseMessage m, scoped ref bool typeSeen)
    {
        switch (name.Length)
        {
            case 4 when name.SequenceEqual("type"u8):
                if (!c.TryReadString(out var type))
                {
                    return FrameError.UnexpectedType;
                }

                typeSeen = true;
                m.Type = TypeOf(type);
                return FrameError.None;
            case 10 when name.SequenceEqual("product_id"u8):
                return c.TryReadString(out m.ProductId) ? FrameError.None : FrameError.UnexpectedType;
            case 8 when name.SequenceEqual("sequence"u8):
                return c.TryReadInt64(out m.Sequence) ? FrameError.None : FrameError.InvalidNumber;
            case 8 when name.SequenceEqual("trade_id"u8):
                return c.TryReadInt64(out m.TradeId) ? FrameError.None : FrameError.InvalidNumber;
            case 4 when name.SequenceEqual("side"u8):
                return c.TryReadString(out m.Side) ? FrameError.None : FrameError.UnexpectedType;
            case 5 when name.SequenceEqual("price"u8):
                return ReadDecimal(ref c, out m.Price);
            case 4 when name.SequenceEqual("size"u8):
                return ReadDecimal(ref c, out m.Size);
            case 4 when name.SequenceEqual("time"u8):
                return c.TryReadString(out m.Time) ? FrameError.None : FrameError.UnexpectedType;
            case 4 when name.SequenceEqual("bids"u8):
                return ReadArray(ref c, out m.Bids);
            case 4 when name.SequenceEqual("asks"u8):
                return ReadArray(ref c, out m.Asks);
            case 7 when name.SequenceEqual("changes"u8):
                return ReadArray(ref c, out m.Changes);
            case 8 when name.SequenceEqual("channels"u8):
                return ReadArray(ref c, out m.Channels);
            case 8 when name.SequenceEqual("best_bid"u8):
                return ReadDecimal(ref c, out m.BestBid);
            case 8 when name.SequenceEqual("best_ask"u8):
                return ReadDecimal(ref c, out m.BestAsk);
            case 13 when name.SequenceEqual("best_bid_size"u8):
                return ReadDecimal(ref c, out m.BestBidSize);
            case 13 when name.SequenceEqual("best_ask_size"u8):
                return ReadDecimal(ref c, out m.BestAskSize);
            case 8 when name.SequenceEqual("open_24h"u8):
                return ReadDecimal(ref c, out m.Open24h);
            case 10 when name.SequenceEqual("volume_24h"u8):
                return ReadDecimal(ref c, out m.Volume24h);
            case 8 when name.SequenceEqual("high_24h"u8):
                return ReadDecimal(ref c, out m.High24h);
            case 7 when name.SequenceEqual("low_24h"u8):
                return ReadDecimal(ref c, out m.Low24h);
            default:
                return c.TrySkipValue() ? FrameError.None : FrameError.Malformed;
        }
    }

    private static FrameError ReadDecimal(scoped ref JsonScanner c, out ReadOnlySpan<byte> token)
    {
        if (c.Peek() == (byte)'n')
        {
            // null: the field is absent in effect (e.g. a ticker before the first trade).
            token = default;
            return c.TrySkipValue() ? FrameError.None : FrameError.Malformed;
        }

        return c.TryReadNumberText(out token) ? FrameError.None : FrameError.UnexpectedType;
    }

    private static FrameError ReadArray(scoped ref JsonScanner c, out ReadOnlySpan<byte> array)
    {
        array = default;
        if (c.Peek() != (byte)'[')
        {
            return FrameError.UnexpectedType;
        }

        return c.TryReadRawValue(out array) ? FrameError.None : FrameError.Malformed;
    }

    private static CoinbaseMessageType TypeOf(ReadOnlySpan<byte> type) => type.Length switch
    {
        8 when type.SequenceEqual("l2update"u8) => CoinbaseMessageType.L2Update,
        8 when type.SequenceEqual("snapshot"u8) => CoinbaseMessageType.Snapshot,
        6 when type.SequenceEqual("ticker"u8) => CoinbaseMessageType.Ticker,
        5 when type.SequenceEqual("match"u8) => CoinbaseMessageType.Match,
        10 when type.SequenceEqual("last_match"u8) => CoinbaseMessageType.LastMatch,
        13 when type.SequenceEqual("subscriptions"u8) => CoinbaseMessageType.Subscriptions,
        9 when type.SequenceEqual("heartbeat"u8) => CoinbaseMessageType.Heartbeat,
        5 when type.SequenceEqual("error"u8) => CoinbaseMessageType.Error,
        _ => CoinbaseMessageType.Unknown,
    };
}
