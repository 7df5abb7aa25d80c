using Velox.MarketData.Events;
using Velox.Venues.Coinbase.Parsing;

namespace Velox.Venues.Coinbase.Session;

// ticker and matches channels.
public sealed partial class CoinbaseMarketDataSession
{
    /// <summary>
    /// A match's <c>side</c> is the MAKER's side: "sell" means a buyer took the offer, so the trade
    /// amount is positive. Trade ids are consecutive per product; the <c>sequence</c> is the product's
    /// full-channel sequence, which the matches channel only samples, so it must rise but may skip.
    /// </summary>
    private FrameOutcome ApplyMatch<THandler>(CoinbaseProduct product, in CoinbaseMessage m, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = product.Instrument;
        if (m.TradeId < 0 || !CoinbaseMessageParser.TryParseSide(m.Side, out var makerBuy) || !IsoTime.TryParseUnixMillis(m.Time, out var millis))
        {
            return Fail(FrameError.UnexpectedType);
        }

        if (!CoinbaseMessageParser.TryParseFixed(m.Price, instrument.PriceScale, out var price, out var error)
            || !CoinbaseMessageParser.TryParseFixed(m.Size, instrument.SizeScale, out var size, out error))
        {
            return Fail(error);
        }

        if (price <= 0 || size <= 0)
        {
            return Fail(FrameError.InvalidValue);
        }

        if ((m.Sequence >= 0 && m.Sequence <= product.LastMatchSequence) || m.TradeId <= product.LastTradeId)
        {
            return Fail(FrameError.StaleSequence);
        }

        if (product.LastTradeId >= 0 && m.TradeId != product.LastTradeId + 1)
        {
            Stats.TradeIdGaps++;
        }

        product.LastTradeId = m.TradeId;
        if (m.Sequence >= 0)
        {
            product.LastMatchSequence = m.Sequence;
        }

        var isLast = m.Type == CoinbaseMessageType.LastMatch;
        if (isLast)
        {
            Stats.LastMatches++;
        }
        else
        {
            Stats.Matches++;
        }

        var trade = new TradeEvent(instrument.Id, m.TradeId, millis, price, makerBuy ? -size : size, isLast, receiveNanos);
        handler.OnTrade(in trade);
        return FrameOutcome.Trade;
    }

    /// <summary>Fields the feed leaves out (sizes of the best levels in 2021, everything but the price before a trade) read as 0.</summary>
    private FrameOutcome ApplyTicker<THandler>(CoinbaseProduct product, in CoinbaseMessage m, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (m.Sequence >= 0 && m.Sequence <= product.LastTickerSequence)
        {
            return Fail(FrameError.StaleSequence);
        }

        var px = product.Instrument.PriceScale;
        var sz = product.Instrument.SizeScale;
        if (!TryOptional(m.Price, px, out var last, out var error)
            || !TryOptional(m.BestBid, px, out var bid, out error)
            || !TryOptional(m.BestBidSize, sz, out var bidSize, out error)
            || !TryOptional(m.BestAsk, px, out var ask, out error)
            || !TryOptional(m.BestAskSize, sz, out var askSize, out error)
            || !TryOptional(m.Open24h, px, out var open, out error)
            || !TryOptional(m.Volume24h, sz, out var volume, out error)
            || !TryOptional(m.High24h, px, out var high, out error)
            || !TryOptional(m.Low24h, px, out var low, out error))
        {
            return Fail(error);
        }

        if (m.Sequence >= 0)
        {
            product.LastTickerSequence = m.Sequence;
        }

        var change = open > 0 ? last - open : 0;
        var relative = open > 0 ? (long)((Int128)change * 100_000_000 / open) : 0;
        Stats.Tickers++;
        var ticker = new TickerEvent(product.Instrument.Id, bid, bidSize, ask, askSize, change, relative, last, volume, high, low, receiveNanos);
        handler.OnTicker(in ticker);
        return FrameOutcome.Ticker;
    }

    private static bool TryOptional(ReadOnlySpan<byte> token, int scale, out long raw, out FrameError error)
    {
        if (token.IsEmpty)
        {
            raw = 0;
            error = FrameError.None;
            return true;
        }

        return CoinbaseMessageParser.TryParseFixed(token, scale, out raw, out error);
    }
}
