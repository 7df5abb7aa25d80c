using Velox.MarketData.Events;
using Velox.MarketData.Json;
using Velox.Venues.Htx.Parsing;

namespace Velox.Venues.Htx.Session;

// trade.detail pushes.
public sealed partial class HtxMarketDataSession
{
    /// <summary><c>{"id":N,"ts":N,"data":[{"id":N,"ts":N,"tradeId":N,"amount":x,"price":x,"direction":"buy"|"sell"},...]}</c></summary>
    private FrameOutcome ApplyTrades<THandler>(HtxSubscription subscription, ReadOnlySpan<byte> tick, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var c = new JsonScanner(tick);
        ReadOnlySpan<byte> data = default;
        c.TryConsume((byte)'{');
        do
        {
            if (!c.TryReadPropertyName(out var name))
            {
                return Fail(FrameError.Malformed);
            }

            var ok = name.SequenceEqual("data"u8) ? c.Peek() == (byte)'[' && c.TryReadRawValue(out data) : c.TrySkipValue();
            if (!ok)
            {
                return Fail(FrameError.UnexpectedType);
            }
        }
        while (c.TryConsume((byte)','));

        if (data.IsEmpty)
        {
            return Fail(FrameError.UnexpectedType);
        }

        // HTX lists a push's trades newest first with consecutive per-symbol trade ids: validate the
        // whole push and check it continues the last one before emitting anything.
        long lowest = long.MaxValue;
        long highest = -1;
        var error = ForEachTrade(subscription, data, emit: false, receiveNanos, ref lowest, ref highest, ref handler);
        if (error != FrameError.None)
        {
            return Fail(error);
        }

        Stats.TradeFrames++;
        if (highest < 0)
        {
            return FrameOutcome.Trades;
        }

        if (highest <= subscription.LastSequence)
        {
            return Fail(FrameError.StaleSequence);
        }

        if (subscription.LastSequence >= 0 && lowest != subscription.LastSequence + 1)
        {
            Stats.TradeIdGaps++;
        }

        subscription.LastSequence = highest;
        ForEachTrade(subscription, data, emit: true, receiveNanos, ref lowest, ref highest, ref handler);
        return FrameOutcome.Trades;
    }

    private FrameError ForEachTrade<THandler>(HtxSubscription subscription, ReadOnlySpan<byte> data, bool emit, long receiveNanos, ref long lowest, ref long highest, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var list = new JsonScanner(data);
        list.TryConsume((byte)'[');
        if (list.TryConsume((byte)']'))
        {
            return FrameError.None;
        }

        do
        {
            if (!list.TryReadRawValue(out var trade))
            {
                return FrameError.Malformed;
            }

            var error = ApplyTrade(subscription, trade, emit, receiveNanos, ref handler, out var tradeId);
            if (error != FrameError.None)
            {
                return error;
            }

            lowest = Math.Min(lowest, tradeId);
            highest = Math.Max(highest, tradeId);
        }
        while (list.TryConsume((byte)','));

        return list.TryConsume((byte)']') ? FrameError.None : FrameError.Malformed;
    }

    private FrameError ApplyTrade<THandler>(HtxSubscription subscription, ReadOnlySpan<byte> trade, bool emit, long receiveNanos, ref THandler handler, out long tradeId)
        where THandler : struct, IMarketDataHandler
    {
        tradeId = -1;
        var c = new JsonScanner(trade);
        if (!c.TryConsume((byte)'{'))
        {
            return FrameError.UnexpectedType;
        }

        long timestamp = 0;
        ReadOnlySpan<byte> price = default;
        ReadOnlySpan<byte> amount = default;
        ReadOnlySpan<byte> direction = default;
        do
        {
            if (!c.TryReadPropertyName(out var name))
            {
                return FrameError.Malformed;
            }

            // "id" is a 27-digit number beyond 64 bits; "tradeId" is the venue's trade id.
            var ok = name switch
            {
                _ when name.SequenceEqual("tradeId"u8) => c.TryReadInt64(out tradeId),
                _ when name.SequenceEqual("ts"u8) => c.TryReadInt64(out timestamp),
                _ when name.SequenceEqual("price"u8) => c.TryReadNumberToken(out price),
                _ when name.SequenceEqual("amount"u8) => c.TryReadNumberToken(out amount),
                _ when name.SequenceEqual("direction"u8) => c.TryReadString(out direction),
                _ => c.TrySkipValue(),
            };
            if (!ok)
            {
                return FrameError.UnexpectedType;
            }
        }
        while (c.TryConsume((byte)','));

        var buy = direction.SequenceEqual("buy"u8);
        if (tradeId < 0 || price.IsEmpty || amount.IsEmpty || (!buy && !direction.SequenceEqual("sell"u8)))
        {
            return direction.IsEmpty || tradeId < 0 ? FrameError.UnexpectedType : FrameError.InvalidValue;
        }

        var instrument = subscription.Instrument;
        if (!HtxMessageParser.TryParseExact(price, instrument.PriceScale, out var px, out var error)
            || !HtxMessageParser.TryParseTruncating(amount, instrument.SizeScale, out var size, out var truncated, out error))
        {
            return error;
        }

        if (px <= 0 || size <= 0)
        {
            return FrameError.InvalidValue;
        }

        if (!emit)
        {
            return FrameError.None;
        }

        if (truncated)
        {
            Stats.SizesTruncated++;
        }

        subscription.Updates++;
        Stats.Trades++;
        var e = new TradeEvent(instrument.Id, tradeId, timestamp, px, buy ? size : -size, false, receiveNanos);
        handler.OnTrade(in e);
        return FrameError.None;
    }
}
