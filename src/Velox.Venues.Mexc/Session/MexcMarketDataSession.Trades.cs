using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.MarketData.Json;
using Velox.Venues.Mexc.Parsing;

namespace Velox.Venues.Mexc.Session;

// Trades: spot deals (protobuf items) and futures push.deal (one object or an array of objects).
public sealed partial class MexcMarketDataSession
{
    private const int BuyTradeType = 1;

    private FrameOutcome OnSpotDeals<THandler>(in SpotPush push, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var symbol = Find(push.Symbol);
        if (symbol is null)
        {
            return Fail(FeedError.UnknownSymbol);
        }

        var deals = new SpotDealReader(push.Body);
        while (deals.TryReadNext(out var deal))
        {
            var error = EmitTrade(symbol, deal.Price, deal.Quantity, deal.TradeType, deal.Time, receiveNanos, ref handler);
            if (error != FeedError.None)
            {
                return Fail(error);
            }
        }

        return deals.Malformed ? Fail(FeedError.Malformed) : FrameOutcome.Trade;
    }

    private FrameOutcome OnFuturesDeal<THandler>(in FuturesPush push, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var symbol = Find(push.Symbol);
        if (symbol is null)
        {
            return Fail(FeedError.UnknownSymbol);
        }

        var json = new JsonScanner(push.Data);
        if (json.Peek() == (byte)'{')
        {
            var error = ReadFuturesDeal(symbol, ref json, receiveNanos, ref handler);
            return error == FeedError.None && json.AtEnd ? FrameOutcome.Trade : Fail(error == FeedError.None ? FeedError.Malformed : error);
        }

        if (!json.TryConsume((byte)'['))
        {
            return Fail(FeedError.Malformed);
        }

        var index = 0;
        JsonStep step;
        while ((step = json.NextElement(ref index)) == JsonStep.Item)
        {
            var error = ReadFuturesDeal(symbol, ref json, receiveNanos, ref handler);
            if (error != FeedError.None)
            {
                return Fail(error);
            }
        }

        return step == JsonStep.End ? FrameOutcome.Trade : Fail(FeedError.Malformed);
    }

    /// <summary>One deal object <c>{"p":price,"v":volume,"T":1|2,"t":ms,...}</c>.</summary>
    private FeedError ReadFuturesDeal<THandler>(MexcSymbol symbol, ref JsonScanner json, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!json.TryConsume((byte)'{'))
        {
            return FeedError.Malformed;
        }

        ReadOnlySpan<byte> price = default;
        ReadOnlySpan<byte> volume = default;
        long tradeType = 0;
        long time = 0;
        var index = 0;
        JsonStep step;
        while ((step = json.NextProperty(ref index, out var name)) == JsonStep.Item)
        {
            var ok = name switch
            {
                _ when name.SequenceEqual("p"u8) => json.TryReadNumberText(out price),
                _ when name.SequenceEqual("v"u8) => json.TryReadNumberText(out volume),
                _ when name.SequenceEqual("T"u8) => json.TryReadInt64(out tradeType),
                _ when name.SequenceEqual("t"u8) => json.TryReadInt64(out time),
                _ => json.TrySkipValue(),
            };
            if (!ok)
            {
                return FeedError.Malformed;
            }
        }

        if (step != JsonStep.End || price.IsEmpty || volume.IsEmpty || tradeType is < 1 or > 2)
        {
            return step != JsonStep.End ? FeedError.Malformed : FeedError.UnexpectedType;
        }

        return EmitTrade(symbol, price, volume, (int)tradeType, time, receiveNanos, ref handler);
    }

    private FeedError EmitTrade<THandler>(MexcSymbol symbol, ReadOnlySpan<byte> priceToken, ReadOnlySpan<byte> quantityToken, int tradeType, long time, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = symbol.Instrument;
        if (!FeedNumbers.TryParseFixed(priceToken, instrument.PriceScale, out var price, out var error)
            || !FeedNumbers.TryParseFixed(quantityToken, instrument.SizeScale, out var quantity, out error))
        {
            return error;
        }

        if (price <= 0 || quantity < 0)
        {
            return FeedError.InvalidValue;
        }

        Stats.Trades++;
        symbol.Trades++;

        // MEXC trade ids are strings (spot) or absent (futures): the id field stays 0.
        var amount = tradeType == BuyTradeType ? quantity : -quantity;
        var trade = new TradeEvent(instrument.Id, 0, time, price, amount, fromSnapshot: false, receiveNanos);
        handler.OnTrade(in trade);
        return FeedError.None;
    }
}
