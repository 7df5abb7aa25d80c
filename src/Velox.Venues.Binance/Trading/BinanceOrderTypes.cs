using Velox.Trading.Orders;

namespace Velox.Venues.Binance.Trading;

/// <summary>
/// Velox order shape → Binance spot order type and time in force (developers.binance.com "Enum
/// Definitions", "Place new order"): limit GTC/IOC/FOK → LIMIT with that timeInForce; post-only → LIMIT_MAKER
/// (no timeInForce; rejected if it would take); market IOC → MARKET (no price, no timeInForce). A market
/// FOK has no Binance spot equivalent and is refused before sending. Spot has no reduce-only flag: Velox
/// pre-trade risk enforces <see cref="OrderFlags.ReduceOnly"/> against the position before the order gets here.
/// </summary>
public static class BinanceOrderTypes
{
    /// <summary>Maps an order; false when Binance spot has no such order. <paramref name="timeInForce"/> is empty when none is sent.</summary>
    public static bool TryMap(OrderType type, TimeInForce tif, out ReadOnlySpan<byte> venueType, out ReadOnlySpan<byte> timeInForce, out bool hasPrice)
    {
        hasPrice = true;
        timeInForce = default;
        switch (type)
        {
            case OrderType.Limit:
                venueType = "LIMIT"u8;
                timeInForce = tif switch
                {
                    TimeInForce.GoodTillCancel => "GTC"u8,
                    TimeInForce.ImmediateOrCancel => "IOC"u8,
                    _ => "FOK"u8,
                };
                return tif is TimeInForce.GoodTillCancel or TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill;
            case OrderType.PostOnly when tif == TimeInForce.GoodTillCancel:
                venueType = "LIMIT_MAKER"u8;
                return true;
            case OrderType.Market when tif == TimeInForce.ImmediateOrCancel:
                venueType = "MARKET"u8;
                hasPrice = false;
                return true;
            default:
                venueType = default;
                hasPrice = false;
                return false;
        }
    }
}
