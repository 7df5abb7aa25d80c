using Velox.Core;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Json;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Parsing;

namespace Velox.Venues.Bitfinex.Session;

// Trades, ticker and raw (R0) book channels.
public sealed partial class BitfinexMarketDataSession
{
    private const int FundingTickerFields = 13;

    private FrameOutcome ApplyTradeSnapshot<THandler>(BitfinexSubscription subscription, ReadOnlySpan<byte> payload, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        Stats.TradeSnapshots++;
        subscription.Snapshots++;
        var s = new JsonScanner(payload);
        s.TryConsume((byte)'[');
        if (s.TryConsume((byte)']'))
        {
            return FrameOutcome.Trades;
        }

        while (true)
        {
            if (!s.TryReadArray(out var entry))
            {
                return Fail(FrameError.Malformed);
            }

            var outcome = ApplyTrade(subscription, entry, fromSnapshot: true, receiveNanos, ref handler);
            if (outcome == FrameOutcome.Error)
            {
                return outcome;
            }

            if (s.TryConsume((byte)']'))
            {
                return FrameOutcome.Trades;
            }

            if (!s.TryConsume((byte)','))
            {
                return Fail(FrameError.Malformed);
            }
        }
    }

    /// <summary>Trading <c>[ID,MTS,AMOUNT,PRICE]</c>; funding <c>[ID,MTS,AMOUNT,RATE,PERIOD]</c> (rate in the price field).</summary>
    private FrameOutcome ApplyTrade<THandler>(BitfinexSubscription subscription, ReadOnlySpan<byte> entry, bool fromSnapshot, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = subscription.Instrument;
        var s = new JsonScanner(entry);
        if (!s.TryConsume((byte)'[') || !s.TryReadInt64(out var id) || !s.TryConsume((byte)',') || !s.TryReadInt64(out var mts)
            || !s.TryConsume((byte)',') || !s.TryReadNumberToken(out var amountToken)
            || !s.TryConsume((byte)',') || !s.TryReadNumberToken(out var priceToken))
        {
            return Fail(FrameError.UnexpectedType);
        }

        if (!BitfinexFrameParser.TryParseFixed(amountToken, instrument.SizeScale, out var amount, out var error)
            || !BitfinexFrameParser.TryParseFixed(priceToken, instrument.PriceScale, out var price, out error))
        {
            return Fail(error);
        }

        subscription.Updates++;
        var trade = new TradeEvent(instrument.Id, id, mts, price, amount, fromSnapshot, receiveNanos);
        handler.OnTrade(in trade);
        return FrameOutcome.Trades;
    }

    /// <summary>
    /// Trading <c>[BID,BID_SIZE,ASK,ASK_SIZE,DAILY_CHANGE,DAILY_CHANGE_RELATIVE,LAST,VOLUME,HIGH,LOW]</c>;
    /// funding <c>[FRR,BID,BID_PERIOD,BID_SIZE,ASK,ASK_PERIOD,ASK_SIZE,DAILY_CHANGE,DAILY_CHANGE_RELATIVE,LAST,VOLUME,HIGH,LOW,...]</c>.
    /// Extra trailing fields are accepted; null placeholders read as 0.
    /// </summary>
    private FrameOutcome ApplyTicker<THandler>(BitfinexSubscription subscription, ReadOnlySpan<byte> payload, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = subscription.Instrument;
        Span<long> values = stackalloc long[FundingTickerFields];
        var fields = 0;
        var s = new JsonScanner(payload);
        s.TryConsume((byte)'[');
        var funding = subscription.IsFunding;
        while (!s.TryConsume((byte)']'))
        {
            if (fields > 0 && !s.TryConsume((byte)','))
            {
                return Fail(FrameError.Malformed);
            }

            var target = TickerTarget(fields, funding, out var isSize, out var isRelative);
            if (s.Peek() == (byte)'n')
            {
                if (!s.TrySkipValue())
                {
                    return Fail(FrameError.Malformed);
                }
            }
            else if (!s.TryReadNumberToken(out var token))
            {
                return Fail(FrameError.UnexpectedType);
            }
            else if (target >= 0)
            {
                var scale = isRelative ? TickerEvent.RelativeScale : isSize ? instrument.SizeScale : instrument.PriceScale;
                if (!BitfinexFrameParser.TryParseFixedTruncating(token, scale, out values[target], out var truncated))
                {
                    return Fail(FrameError.InvalidNumber);
                }

                if (truncated)
                {
                    Stats.TickerValuesTruncated++;
                }
            }

            fields++;
        }

        if (fields < (funding ? FundingTickerFields : 10))
        {
            return Fail(FrameError.UnexpectedType);
        }

        Stats.Tickers++;
        subscription.Updates++;
        var ticker = new TickerEvent(instrument.Id, values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8], values[9], receiveNanos);
        handler.OnTicker(in ticker);
        return FrameOutcome.Ticker;
    }

    /// <summary>Where field <paramref name="index"/> goes in the normalized order bid, bidSize, ask, askSize, change, relative, last, volume, high, low.</summary>
    private static int TickerTarget(int index, bool funding, out bool isSize, out bool isRelative)
    {
        var target = funding
            ? index switch
            {
                1 => 0,
                3 => 1,
                4 => 2,
                6 => 3,
                7 => 4,
                8 => 5,
                9 => 6,
                10 => 7,
                11 => 8,
                12 => 9,
                _ => -1,
            }
            : index < 10 ? index : -1;
        isSize = target is 1 or 3 or 7;
        isRelative = target == 5;
        return target;
    }

    private FrameOutcome ApplyRawSnapshot<THandler>(BitfinexSubscription subscription, ReadOnlySpan<byte> payload, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        subscription.RawBook!.Clear();
        var s = new JsonScanner(payload);
        s.TryConsume((byte)'[');
        if (!s.TryConsume((byte)']'))
        {
            while (true)
            {
                var error = ApplyRawEntry(subscription, ref s, BookUpdateFlags.Snapshot, receiveNanos, ref handler);
                if (error != FrameError.None)
                {
                    subscription.RawBook.Clear();
                    return FailBook(subscription, error, ref handler);
                }

                if (s.TryConsume((byte)']'))
                {
                    break;
                }

                if (!s.TryConsume((byte)','))
                {
                    subscription.RawBook.Clear();
                    return FailBook(subscription, FrameError.Malformed, ref handler);
                }
            }
        }

        return CompleteSnapshot(subscription, ref handler);
    }

    private FrameOutcome ApplyRawUpdate<THandler>(BitfinexSubscription subscription, ReadOnlySpan<byte> payload, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (subscription.State != Velox.MarketData.Sync.BookSyncState.InSync)
        {
            Stats.BookUpdatesIgnored++;
            return FrameOutcome.Ignored;
        }

        var s = new JsonScanner(payload);
        var error = ApplyRawEntry(subscription, ref s, BookUpdateFlags.None, receiveNanos, ref handler);
        if (error != FrameError.None)
        {
            return FailBook(subscription, error, ref handler);
        }

        subscription.Updates++;
        return FrameOutcome.BookUpdate;
    }

    /// <summary>Applies <c>[orderId,price,amount]</c> (price 0 removes) and reports the aggregated level(s) it changed.</summary>
    private FrameError ApplyRawEntry<THandler>(BitfinexSubscription subscription, ref JsonScanner s, BookUpdateFlags flags, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = subscription.Instrument;
        if (!BitfinexFrameParser.TryReadTriple(ref s, out var idToken, out var priceToken, out var amountToken, out var error))
        {
            return error;
        }

        if (!JsonScanner.TryParseInt64(idToken, out var orderId))
        {
            return FrameError.InvalidNumber;
        }

        if (!BitfinexFrameParser.TryParseFixed(priceToken, instrument.PriceScale, out var price, out error)
            || !BitfinexFrameParser.TryParseFixed(amountToken, instrument.SizeScale, out var amount, out error))
        {
            return error;
        }

        var book = subscription.RawBook!;
        var hadOrder = book.TryGetOrder(orderId, out var oldSide, out var oldPrice, out _);
        var change = book.Apply(orderId, price, amount);
        if ((flags & BookUpdateFlags.Snapshot) != 0)
        {
            Stats.SnapshotLevels++;
        }
        else
        {
            Stats.BookUpdates++;
        }

        if (change == RawBookChange.Full)
        {
            return FrameError.BookFull;
        }

        if (change == RawBookChange.RemoveMissing)
        {
            Stats.DeletesOfMissingLevels++;
            return FrameError.None;
        }

        if (hadOrder && (oldPrice != price || change == RawBookChange.Removed))
        {
            ReportLevel(book.Levels, oldSide, oldPrice, flags, receiveNanos, ref handler);
        }

        if (change != RawBookChange.Removed)
        {
            ReportLevel(book.Levels, amount > 0 ? Side.Bid : Side.Ask, price, flags, receiveNanos, ref handler);
        }

        return FrameError.None;
    }

    private static void ReportLevel<THandler>(L2Book levels, Side side, long price, BookUpdateFlags flags, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!levels[side].TryGet(price, out var level))
        {
            flags |= BookUpdateFlags.Delete;
        }

        var update = new BookUpdate(levels.Instrument, side, price, level.Size, level.Count, flags, receiveNanos);
        handler.OnBookUpdate(in update);
    }
}
