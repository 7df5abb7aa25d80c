using Velox.MarketData.Events;
using Velox.MarketData.Json;
using Velox.Venues.Okx.Parsing;

namespace Velox.Venues.Okx.Session;

// The trades and tickers channels.
public sealed partial class OkxMarketDataSession
{
    /// <summary><c>data: [{"instId","tradeId","px","sz","side":"buy"|"sell","ts"}, ...]</c></summary>
    private FrameOutcome ProcessTrades<THandler>(OkxSubscription subscription, ReadOnlySpan<byte> data, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = subscription.Instrument;
        var s = new JsonScanner(data);
        s.TryConsume((byte)'[');
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
                if (name.SequenceEqual("px"u8))
                {
                    error = ReadFixed(ref s, instrument.PriceScale, out price);
                }
                else if (name.SequenceEqual("sz"u8))
                {
                    error = ReadFixed(ref s, instrument.SizeScale, out size);
                }
                else if (name.SequenceEqual("side"u8))
                {
                    if (s.TryReadString(out var side))
                    {
                        sell = side.SequenceEqual("sell"u8);
                        sideSeen = sell || side.SequenceEqual("buy"u8);
                    }

                    error = sideSeen ? FrameError.None : FrameError.InvalidValue;
                }
                else if (name.SequenceEqual("tradeId"u8))
                {
                    error = s.TryReadInt64Text(out tradeId) ? FrameError.None : FrameError.InvalidNumber;
                }
                else if (name.SequenceEqual("ts"u8))
                {
                    error = s.TryReadInt64Text(out ts) ? FrameError.None : FrameError.InvalidNumber;
                }
                else if (!s.TrySkipValue())
                {
                    error = FrameError.Malformed;
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
    /// <c>data: [{"last","lastSz","askPx","askSz","bidPx","bidSz","open24h","high24h","low24h","vol24h",...}]</c>;
    /// the daily change is last − open24h. Empty strings (no bid, no ask) read as 0.
    /// </summary>
    private FrameOutcome ProcessTickers<THandler>(OkxSubscription subscription, ReadOnlySpan<byte> data, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = subscription.Instrument;
        var s = new JsonScanner(data);
        s.TryConsume((byte)'[');
        var index = 0;
        JsonStep step;
        while ((step = s.NextElement(ref index)) == JsonStep.Item)
        {
            if (!s.TryConsume((byte)'{'))
            {
                return Fail(FrameError.UnexpectedType);
            }

            long last = 0, ask = 0, askSize = 0, bid = 0, bidSize = 0, open = 0, high = 0, low = 0, volume = 0;
            var error = FrameError.None;
            var member = 0;
            JsonStep memberStep;
            while ((memberStep = s.NextProperty(ref member, out var name)) == JsonStep.Item && error == FrameError.None)
            {
                var px = instrument.PriceScale;
                var sz = instrument.SizeScale;
                error = name.SequenceEqual("last"u8) ? ReadOptionalFixed(ref s, px, out last)
                    : name.SequenceEqual("askPx"u8) ? ReadOptionalFixed(ref s, px, out ask)
                    : name.SequenceEqual("askSz"u8) ? ReadOptionalFixed(ref s, sz, out askSize)
                    : name.SequenceEqual("bidPx"u8) ? ReadOptionalFixed(ref s, px, out bid)
                    : name.SequenceEqual("bidSz"u8) ? ReadOptionalFixed(ref s, sz, out bidSize)
                    : name.SequenceEqual("open24h"u8) ? ReadOptionalFixed(ref s, px, out open)
                    : name.SequenceEqual("high24h"u8) ? ReadOptionalFixed(ref s, px, out high)
                    : name.SequenceEqual("low24h"u8) ? ReadOptionalFixed(ref s, px, out low)
                    : name.SequenceEqual("vol24h"u8) ? ReadOptionalFixed(ref s, sz, out volume)
                    : s.TrySkipValue() ? FrameError.None : FrameError.Malformed;
            }

            if (error != FrameError.None)
            {
                return Fail(error);
            }

            if (memberStep != JsonStep.End)
            {
                return Fail(FrameError.Malformed);
            }

            var change = last - open;
            var relative = open == 0 ? 0 : (long)((Int128)change * 100_000_000 / open);
            Stats.Tickers++;
            subscription.Updates++;
            var ticker = new TickerEvent(instrument.Id, bid, bidSize, ask, askSize, change, relative, last, volume, high, low, receiveNanos);
            handler.OnTicker(in ticker);
        }

        return step == JsonStep.End ? FrameOutcome.Ticker : Fail(FrameError.Malformed);
    }

    private static FrameError ReadFixed(ref JsonScanner s, int scale, out long value)
    {
        value = 0;
        if (!s.TryReadNumberText(out var text) || text.IsEmpty)
        {
            return FrameError.UnexpectedType;
        }

        OkxFrameParser.TryParseFixed(text, scale, out value, out var error);
        return error;
    }

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

        OkxFrameParser.TryParseFixed(text, scale, out value, out var error);
        return error;
    }
}
