using Velox.Core.Numerics;
using Velox.Trading.Orders;

namespace Velox.Venues.Binance.Trading;

/// <summary>
/// The exchangeInfo filters of one symbol that an order must pass (developers.binance.com "Filters"), in raw
/// units of the instrument's price scale (prices), size scale (quantities) and price+size scale (notional).
/// A zero bound is disabled, as in the documentation.
/// </summary>
public sealed class BinanceSymbolFilters
{
    public required string Symbol { get; init; }

    public required string BaseAsset { get; init; }

    public required string QuoteAsset { get; init; }

    /// <summary>PRICE_FILTER minPrice (0: off).</summary>
    public long MinPrice { get; init; }

    /// <summary>PRICE_FILTER maxPrice (0: off).</summary>
    public long MaxPrice { get; init; }

    /// <summary>PRICE_FILTER tickSize (0: off).</summary>
    public long TickSize { get; init; }

    /// <summary>LOT_SIZE minQty.</summary>
    public long MinQuantity { get; init; }

    /// <summary>LOT_SIZE maxQty (0: off).</summary>
    public long MaxQuantity { get; init; }

    /// <summary>LOT_SIZE stepSize (0: off).</summary>
    public long StepSize { get; init; }

    /// <summary>Size scale of the instrument (notional = price × quantity / 10^SizeScale at the price scale).</summary>
    public int SizeScale { get; init; }

    /// <summary>NOTIONAL / MIN_NOTIONAL minNotional at the price scale (0: off).</summary>
    public long MinNotional { get; init; }

    /// <summary>NOTIONAL maxNotional at the price scale (0: off).</summary>
    public long MaxNotional { get; init; }

    /// <summary>
    /// Checks a limit or post-only order (price and quantity) or a market order (quantity; notional is then
    /// checked by the venue against its average price, which the gateway does not know).
    /// </summary>
    public BinanceRejectCode Check(OrderType type, long price, long quantity)
    {
        if (type != OrderType.Market)
        {
            if (MinPrice > 0 && price < MinPrice)
            {
                return BinanceRejectCode.PriceBelowMin;
            }

            if (MaxPrice > 0 && price > MaxPrice)
            {
                return BinanceRejectCode.PriceAboveMax;
            }

            if (TickSize > 0 && (price - MinPrice) % TickSize != 0)
            {
                return BinanceRejectCode.PriceNotOnTick;
            }
        }

        if (quantity < MinQuantity)
        {
            return BinanceRejectCode.QuantityBelowMin;
        }

        if (MaxQuantity > 0 && quantity > MaxQuantity)
        {
            return BinanceRejectCode.QuantityAboveMax;
        }

        if (StepSize > 0 && (quantity - MinQuantity) % StepSize != 0)
        {
            return BinanceRejectCode.QuantityNotOnStep;
        }

        if (type != OrderType.Market)
        {
            var notional = (Int128)price * quantity;
            var unit = (Int128)FixedPoint.Pow10(SizeScale);
            if (MinNotional > 0 && notional < MinNotional * unit)
            {
                return BinanceRejectCode.NotionalBelowMin;
            }

            if (MaxNotional > 0 && notional > MaxNotional * unit)
            {
                return BinanceRejectCode.NotionalAboveMax;
            }
        }

        return BinanceRejectCode.None;
    }
}
