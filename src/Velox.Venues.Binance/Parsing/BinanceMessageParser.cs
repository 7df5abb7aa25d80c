using System.Runtime.CompilerServices;
using Velox.MarketData.Feeds;
using Velox.MarketData.Json;

namespace Velox.Venues.Binance.Parsing;

/// <summary>
/// Hand-written, allocation-free parser of Binance market-data frames: raw streams, the
/// combined-stream envelope <c>{"stream":...,"data":{...}}</c>, subscription replies and REST depth
/// bodies. One pass over the members records spans and ids; level arrays are read later by the
/// session, after the update ids were checked. Fields are typed by value where Binance reuses a
/// letter (<c>a</c>: asks array, ask price string or aggregate trade id).
/// </summary>
public static class BinanceMessageParser
{
    /// <summary>Parses <paramref name="frame"/>; on failure <paramref name="message"/> holds what was read so far.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out BinanceMessage message, out FeedError error)
    {
        message = default;
        var reader = new JsonScanner(frame);
        if (reader.Peek() != (byte)'{')
        {
            error = reader.AtEnd ? FeedError.Empty : FeedError.Malformed;
            return false;
        }

        if (!TryReadObject(frame, ref message, out var data, out error))
        {
            return false;
        }

        if (!data.IsEmpty && !TryReadObject(data, ref message, out _, out error))
        {
            return false;
        }

        message.Kind = Classify(ref message);
        return true;
    }

    private static bool TryReadObject(ReadOnlySpan<byte> text, scoped ref BinanceMessage m, out ReadOnlySpan<byte> data, out FeedError error)
    {
        data = default;
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

                var ok = name.Length == 1 ? TryReadLetter(ref r, name[0], ref m) : TryReadNamed(ref r, name, ref m, ref inner);
                if (!ok)
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

        data = inner;
        error = r.AtEnd ? FeedError.None : FeedError.Malformed;
        return error == FeedError.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadLetter(ref JsonScanner r, byte letter, scoped ref BinanceMessage m)
    {
        var next = r.Peek();
        switch (letter)
        {
            case (byte)'e':
                m.Fields |= BinanceFields.EventType;
                return r.TryReadString(out m.EventType);
            case (byte)'E':
                m.Fields |= BinanceFields.EventTime;
                return r.TryReadInt64(out m.EventTime);
            case (byte)'s':
                m.Fields |= BinanceFields.Symbol;
                return r.TryReadString(out m.Symbol);
            case (byte)'U':
                m.Fields |= BinanceFields.FirstId;
                return r.TryReadInt64(out m.FirstId);
            case (byte)'u':
                m.Fields |= BinanceFields.LastId;
                return r.TryReadInt64(out m.LastId);
            case (byte)'b' when next == (byte)'[':
                m.Fields |= BinanceFields.Bids;
                return r.TryReadComposite(out m.Bids);
            case (byte)'b' when next == (byte)'"':
                m.Fields |= BinanceFields.BidPrice;
                return r.TryReadString(out m.BidPrice);
            case (byte)'a' when next == (byte)'[':
                m.Fields |= BinanceFields.Asks;
                return r.TryReadComposite(out m.Asks);
            case (byte)'a' when next == (byte)'"':
                m.Fields |= BinanceFields.AskPrice;
                return r.TryReadString(out m.AskPrice);
            case (byte)'a':
                m.Fields |= BinanceFields.TradeId;
                return r.TryReadInt64(out m.TradeId);
            case (byte)'B':
                m.Fields |= BinanceFields.BidSize;
                return r.TryReadString(out m.BidSize);
            case (byte)'A':
                m.Fields |= BinanceFields.AskSize;
                return r.TryReadString(out m.AskSize);
            case (byte)'p':
                m.Fields |= BinanceFields.Price;
                return r.TryReadString(out m.Price);
            case (byte)'q':
                m.Fields |= BinanceFields.Quantity;
                return r.TryReadString(out m.Quantity);
            case (byte)'t':
                m.Fields |= BinanceFields.TradeId;
                return r.TryReadInt64(out m.TradeId);
            case (byte)'T':
                m.Fields |= BinanceFields.TradeTime;
                return r.TryReadInt64(out m.TradeTime);
            case (byte)'m':
                m.Fields |= BinanceFields.BuyerIsMaker;
                return r.TryReadBoolean(out m.BuyerIsMaker);
            default:
                return r.TrySkipValue();
        }
    }

    private static bool TryReadNamed(ref JsonScanner r, ReadOnlySpan<byte> name, scoped ref BinanceMessage m, ref ReadOnlySpan<byte> data)
    {
        if (name.SequenceEqual("pu"u8))
        {
            m.Fields |= BinanceFields.PreviousId;
            return r.TryReadInt64(out m.PreviousId);
        }

        if (name.SequenceEqual("stream"u8))
        {
            m.Fields |= BinanceFields.Stream;
            return r.TryReadString(out m.Stream);
        }

        if (name.SequenceEqual("data"u8))
        {
            return r.Peek() == (byte)'{' && r.TryReadComposite(out data);
        }

        if (name.SequenceEqual("lastUpdateId"u8))
        {
            m.Fields |= BinanceFields.SnapshotId;
            return r.TryReadInt64(out m.SnapshotId);
        }

        if (name.SequenceEqual("bids"u8))
        {
            m.Fields |= BinanceFields.Bids;
            return r.TryReadComposite(out m.Bids);
        }

        if (name.SequenceEqual("asks"u8))
        {
            m.Fields |= BinanceFields.Asks;
            return r.TryReadComposite(out m.Asks);
        }

        if (name.SequenceEqual("result"u8))
        {
            m.Fields |= BinanceFields.Result;
        }
        else if (name.SequenceEqual("id"u8) && r.Peek() != (byte)'n')
        {
            m.Fields |= BinanceFields.RequestId;
            return r.TryReadInt64(out m.RequestId);
        }
        else if (name.SequenceEqual("code"u8) || name.SequenceEqual("error"u8))
        {
            m.Fields |= BinanceFields.ErrorCode;
        }

        return r.TrySkipValue();
    }

    private static BinanceMessageKind Classify(scoped ref BinanceMessage m)
    {
        if ((m.Fields & BinanceFields.EventType) != 0)
        {
            var e = m.EventType;
            return e.SequenceEqual("depthUpdate"u8) ? BinanceMessageKind.DepthUpdate
                : e.SequenceEqual("trade"u8) ? BinanceMessageKind.Trade
                : e.SequenceEqual("aggTrade"u8) ? BinanceMessageKind.AggTrade
                : e.SequenceEqual("bookTicker"u8) ? BinanceMessageKind.BookTicker
                : e.SequenceEqual("kline"u8) ? BinanceMessageKind.Kline
                : BinanceMessageKind.Other;
        }

        if ((m.Fields & BinanceFields.SnapshotId) != 0)
        {
            return BinanceMessageKind.DepthSnapshot;
        }

        if ((m.Fields & BinanceFields.ErrorCode) != 0)
        {
            return BinanceMessageKind.Error;
        }

        if ((m.Fields & BinanceFields.Result) != 0)
        {
            return BinanceMessageKind.Reply;
        }

        // Spot bookTicker frames have no event type: {"u":..,"s":..,"b":..,"B":..,"a":..,"A":..}.
        return m.Has(BinanceFields.BookTickerRequired) ? BinanceMessageKind.BookTicker : BinanceMessageKind.Other;
    }
}
