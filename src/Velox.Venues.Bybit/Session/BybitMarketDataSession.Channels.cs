using Velox.MarketData.Events;
using Velox.MarketData.Json;
using Velox.Venues.Bybit.Parsing;

namespace Velox.Venues.Bybit.Session;

// The publicTrade and tickers topics.
public sealed partial class BybitMarketDataSession
{
    /// <summary><c>data: [{"T":ms,"s":sym,"S":"Buy"|"Sell","v":sz,"p":px,"i":id,"seq":N,...}, ...]</c></summary>
    private FrameOutcome ProcessTrades<THandler>(BybitSubscription subscription, ReadOnlySpan<byte> data, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = subscription.Instrument;
        var s = new JsonScanner(data);
        if (!s.TryConsume((byte)'['))
        {
            return Fail(FrameError.UnexpectedType);
        }

        var index = 0;
        JsonStep step;
        Stats.TradeMessages++;
        while ((step = s.NextElement(ref index)) == JsonStep.Item)
        {
            if (!s.TryConsume((byte)'{'))
            {
                return Fail(FrameError.UnexpectedType);
            }

            long tradeId = -1, ts = -1, price = 0, size = 0;
            var sell = false;
            var sideSeen = false;
            var error = FrameError.None;
            var member = 0;
            JsonStep memberStep;
            while ((memberStep = s.NextProperty(ref member, out var name)) == JsonStep.Item && error == FrameError.None)
            {
                if (name.Length != 1)
                {
                    error = s.TrySkipValue() ? FrameError.None : FrameError.Malformed;
                    continue;
                }

                switch (name[0])
                {
                    case (byte)'p':
                        error = ReadFixed(ref s, instrument.PriceScale, out price);
                        break;
                    case (byte)'v':
                        error = ReadFixed(ref s, instrument.SizeScale, out size);
                        break;
                    case (byte)'S':
                        if (s.TryReadString(out var side))
                        {
                            sell = side.SequenceEqual("Sell"u8);
                            sideSeen = sell || side.SequenceEqual("Buy"u8);
                        }

                        error = sideSeen ? FrameError.None : FrameError.InvalidValue;
                        break;
                    case (byte)'i':
                        error = s.TryReadString(out var id) && BybitTradeId.TryParse(id, out tradeId) ? FrameError.None : FrameError.InvalidValue;
                        break;
                    case (byte)'T':
                        error = s.TryReadInt64Text(out ts) ? FrameError.None : FrameError.InvalidNumber;
                        break;
                    default:
                        error = s.TrySkipValue() ? FrameError.None : FrameError.Malformed;
                        break;
                }
            }

            if (error != FrameError.None)
            {
                return Fail(error);
            }

            if (memberStep != JsonStep.End || !sideSeen || tradeId < 0 || ts < 0 || price <= 0 || size <= 0)
            {
                return Fail(memberStep == JsonStep.Malformed ? FrameError.Malformed : FrameError.InvalidValue);
            }

            Stats.Trades++;
            subscription.Updates++;
            var trade = new TradeEvent(instrument.Id, tradeId, ts, price, sell ? -size : size, fromSnapshot: false, receiveNanos);
            handler.OnTrade(in trade);
        }

        return step == JsonStep.End ? FrameOutcome.Trades : Fail(FrameError.Malformed);
    }

    /// <summary>
    /// <c>data: {"lastPrice","bid1Price","bid1Size","ask1Price","ask1Size","prevPrice24h","highPrice24h",
    /// "lowPrice24h","volume24h","price24hPcnt",...}</c>. A snapshot sets every field; a delta carries only
    /// the fields that changed and is merged into the last state, so each event is a full ticker. Spot
    /// tickers have no best bid/offer (0). The daily change is lastPrice − prevPrice24h.
    /// </summary>
    private FrameOutcome ProcessTicker<THandler>(BybitSubscription subscription, bool snapshot, ReadOnlySpan<byte> data, long crossSequence, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = subscription.Instrument;
        var s = new JsonScanner(data);
        if (!s.TryConsume((byte)'{'))
        {
            return Fail(FrameError.UnexpectedType);
        }

        // Parsed into a copy so that a rejected delta leaves the last good state untouched.
        var t = snapshot ? default : subscription.Ticker;
        var px = instrument.PriceScale;
        var sz = instrument.SizeScale;
        var error = FrameError.None;
        var member = 0;
        JsonStep memberStep;
        while ((memberStep = s.NextProperty(ref member, out var name)) == JsonStep.Item && error == FrameError.None)
        {
            error = name.SequenceEqual("lastPrice"u8) ? ReadOptionalFixed(ref s, px, out t.Last)
                : name.SequenceEqual("bid1Price"u8) ? ReadOptionalFixed(ref s, px, out t.Bid)
                : name.SequenceEqual("bid1Size"u8) ? ReadOptionalFixed(ref s, sz, out t.BidSize)
                : name.SequenceEqual("ask1Price"u8) ? ReadOptionalFixed(ref s, px, out t.Ask)
                : name.SequenceEqual("ask1Size"u8) ? ReadOptionalFixed(ref s, sz, out t.AskSize)
                : name.SequenceEqual("prevPrice24h"u8) ? ReadOptionalFixed(ref s, px, out t.PrevPrice24h)
                : name.SequenceEqual("highPrice24h"u8) ? ReadOptionalFixed(ref s, px, out t.High24h)
                : name.SequenceEqual("lowPrice24h"u8) ? ReadOptionalFixed(ref s, px, out t.Low24h)
                : name.SequenceEqual("volume24h"u8) ? ReadOptionalFixed(ref s, sz, out t.Volume24h)
                : name.SequenceEqual("price24hPcnt"u8) ? ReadOptionalFixed(ref s, TickerEvent.RelativeScale, out t.Change24hRelative)
                : s.TrySkipValue() ? FrameError.None : FrameError.Malformed;
        }

        if (error != FrameError.None)
        {
            return Fail(error);
        }

        if (memberStep != JsonStep.End || !s.AtEnd)
        {
            return Fail(FrameError.Malformed);
        }

        subscription.Ticker = t;
        if (crossSequence >= 0)
        {
            subscription.LastCrossSequence = crossSequence;
        }

        if (snapshot)
        {
            Stats.TickerSnapshots++;
        }
        else
        {
            Stats.TickerDeltas++;
        }

        subscription.Updates++;
        var change = t.PrevPrice24h == 0 ? 0 : t.Last - t.PrevPrice24h;
        var ticker = new TickerEvent(instrument.Id, t.Bid, t.BidSize, t.Ask, t.AskSize, change, t.Change24hRelative, t.Last, t.Volume24h, t.High24h, t.Low24h, receiveNanos);
        handler.OnTicker(in ticker);
        return FrameOutcome.Ticker;
    }

    private static FrameError ReadFixed(ref JsonScanner s, int scale, out long value)
    {
        value = 0;
        if (!s.TryReadNumberText(out var text) || text.IsEmpty)
        {
            return FrameError.UnexpectedType;
        }

        BybitFrameParser.TryParseFixed(text, scale, out value, out var error);
        return error;
    }

    /// <summary>Reads a number written as a string or bare; an empty string (no bid, no ask) reads as 0.</summary>
    private static FrameError ReadOptionalFixed(ref JsonScanner s, int scale, out long value)
    {
        value = 0;
        ReadOnlySpan<byte> text;
        if (s.Peek() == (byte)'"')
        {
            if (!s.TryReadString(out text))
            {
                return FrameError.Malformed;
            }

            if (text.IsEmpty)
            {
                return FrameError.None;
            }
        }
        else if (!s.TryReadNumberToken(out text))
        {
            return FrameError.UnexpectedType;
        }

        BybitFrameParser.TryParseFixed(text, scale, out value, out var error);
        return error;
    }
}
