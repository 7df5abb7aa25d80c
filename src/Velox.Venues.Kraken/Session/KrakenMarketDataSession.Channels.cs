using Velox.MarketData.Events;
using Velox.MarketData.Json;
using Velox.Venues.Kraken.Parsing;

namespace Velox.Venues.Kraken.Session;

// The trade and ticker channels.
public sealed partial class KrakenMarketDataSession
{
    /// <summary>
    /// <c>[[price, volume, time, side "b"|"s", orderType, misc], ...]</c>. Kraken v1 trades carry no id:
    /// <see cref="TradeEvent.TradeId"/> is 0.
    /// </summary>
    private FrameOutcome ProcessTrades<THandler>(KrakenSubscription subscription, ReadOnlySpan<byte> payload, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = subscription.Instrument;
        var s = new JsonScanner(payload);
        if (!s.TryConsume((byte)'['))
        {
            return Fail(FrameError.UnexpectedType);
        }

        Stats.TradeMessages++;
        var index = 0;
        JsonStep step;
        while ((step = s.NextElement(ref index)) == JsonStep.Item)
        {
            if (!s.TryConsume((byte)'[') || !s.TryReadString(out var priceText) || !s.TryConsume((byte)',')
                || !s.TryReadString(out var volumeText) || !s.TryConsume((byte)',') || !s.TryReadString(out var timeText)
                || !s.TryConsume((byte)',') || !s.TryReadString(out var side))
            {
                return Fail(FrameError.Malformed);
            }

            while (s.TryConsume((byte)','))
            {
                if (!s.TrySkipValue())
                {
                    return Fail(FrameError.Malformed);
                }
            }

            if (!s.TryConsume((byte)']'))
            {
                return Fail(FrameError.Malformed);
            }

            if (!KrakenFrameParser.TryParseFixed(priceText, instrument.PriceScale, out var price, out var error)
                || !KrakenFrameParser.TryParseFixed(volumeText, instrument.SizeScale, out var volume, out error))
            {
                return Fail(error);
            }

            var sell = side.SequenceEqual("s"u8);
            if (!KrakenFrameParser.TryParseTimeMs(timeText, out var timeMs) || price <= 0 || volume <= 0 || (!sell && !side.SequenceEqual("b"u8)))
            {
                return Fail(FrameError.InvalidValue);
            }

            Stats.Trades++;
            subscription.Updates++;
            var trade = new TradeEvent(instrument.Id, 0, timeMs, price, sell ? -volume : volume, fromSnapshot: false, receiveNanos);
            handler.OnTrade(in trade);
        }

        return step == JsonStep.End ? FrameOutcome.Trades : Fail(FrameError.Malformed);
    }

    /// <summary>
    /// <c>{"a":[price,wholeLotVolume,lotVolume],"b":[...],"c":[price,lotVolume],"v":[today,24h],
    /// "p":[..],"t":[..],"l":[today,24h],"h":[today,24h],"o":[today,24h]}</c>; the rolling 24 h values are used and
    /// the daily change is last − o[24h].
    /// </summary>
    private FrameOutcome ProcessTicker<THandler>(KrakenSubscription subscription, ReadOnlySpan<byte> payload, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = subscription.Instrument;
        var px = instrument.PriceScale;
        var sz = instrument.SizeScale;
        var s = new JsonScanner(payload);
        if (!s.TryConsume((byte)'{'))
        {
            return Fail(FrameError.UnexpectedType);
        }

        long ask = 0, askSize = 0, bid = 0, bidSize = 0, last = 0, volume = 0, low = 0, high = 0, open = 0;
        var index = 0;
        JsonStep step;
        var error = FrameError.None;
        while ((step = s.NextProperty(ref index, out var name)) == JsonStep.Item)
        {
            error = name.Length != 1 ? SkipValue(ref s)
                : name[0] switch
                {
                    (byte)'a' => ReadPair(ref s, 0, px, out ask, 2, sz, out askSize),
                    (byte)'b' => ReadPair(ref s, 0, px, out bid, 2, sz, out bidSize),
                    (byte)'c' => ReadElement(ref s, 0, px, out last),
                    (byte)'v' => ReadElement(ref s, 1, sz, out volume),
                    (byte)'l' => ReadElement(ref s, 1, px, out low),
                    (byte)'h' => ReadElement(ref s, 1, px, out high),
                    (byte)'o' => ReadElement(ref s, 1, px, out open),
                    _ => SkipValue(ref s),
                };
            if (error != FrameError.None)
            {
                return Fail(error);
            }
        }

        if (step != JsonStep.End)
        {
            return Fail(FrameError.Malformed);
        }

        var change = last - open;
        var relative = open == 0 ? 0 : (long)((Int128)change * 100_000_000 / open);
        Stats.Tickers++;
        subscription.Updates++;
        var ticker = new TickerEvent(instrument.Id, bid, bidSize, ask, askSize, change, relative, last, volume, high, low, receiveNanos);
        handler.OnTicker(in ticker);
        return FrameOutcome.Ticker;
    }

    private static FrameError SkipValue(ref JsonScanner s) => s.TrySkipValue() ? FrameError.None : FrameError.Malformed;

    private static FrameError ReadElement(ref JsonScanner s, int element, int scale, out long value)
    {
        value = 0;
        if (!KrakenFrameParser.TryReadElement(ref s, element, out var text))
        {
            return FrameError.UnexpectedType;
        }

        KrakenFrameParser.TryParseFixed(text, scale, out value, out var error);
        return error;
    }

    /// <summary>Reads two elements of one array (price and lot volume of "a"/"b").</summary>
    private static FrameError ReadPair(ref JsonScanner s, int first, int firstScale, out long firstValue, int second, int secondScale, out long secondValue)
    {
        firstValue = 0;
        secondValue = 0;
        if (!s.TryConsume((byte)'['))
        {
            return FrameError.UnexpectedType;
        }

        var index = 0;
        JsonStep step;
        var error = FrameError.None;
        while ((step = s.NextElement(ref index)) == JsonStep.Item && error == FrameError.None)
        {
            if (!s.TryReadNumberText(out var text) || text.IsEmpty)
            {
                return FrameError.UnexpectedType;
            }

            if (index - 1 == first)
            {
                KrakenFrameParser.TryParseFixed(text, firstScale, out firstValue, out error);
            }
            else if (index - 1 == second)
            {
                KrakenFrameParser.TryParseFixed(text, secondScale, out secondValue, out error);
            }
        }

        return error != FrameError.None ? error : step == JsonStep.End && index > second ? FrameError.None : FrameError.Malformed;
    }
}
