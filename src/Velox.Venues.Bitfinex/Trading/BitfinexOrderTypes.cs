using Velox.Trading.Orders;

namespace Velox.Venues.Bitfinex.Trading;

/// <summary>
/// Velox order shape → Bitfinex exchange (spot) order type and flags (docs.bitfinex.com "New Order",
/// "Flag Values"). Limit GTC → EXCHANGE LIMIT; limit IOC → EXCHANGE IOC; limit FOK → EXCHANGE FOK;
/// market (IOC) → EXCHANGE MARKET; post-only → EXCHANGE LIMIT + flag 4096; reduce-only adds flag 1024.
/// A market FOK has no Bitfinex equivalent (EXCHANGE FOK needs a price) and is refused before sending.
/// </summary>
public static class BitfinexOrderTypes
{
    /// <summary>Flag: hidden order.</summary>
    public const int FlagHidden = 64;

    /// <summary>Flag: reduce-only.</summary>
    public const int FlagReduceOnly = 1024;

    /// <summary>Flag: post-only (cancelled instead of taking liquidity).</summary>
    public const int FlagPostOnly = 4096;

    /// <summary>Maps an order; false when Bitfinex has no such order.</summary>
    public static bool TryMap(OrderType type, TimeInForce timeInForce, OrderFlags flags, out ReadOnlySpan<byte> venueType, out int venueFlags, out bool hasPrice)
    {
        venueFlags = (flags & OrderFlags.ReduceOnly) != 0 ? FlagReduceOnly : 0;
        hasPrice = true;
        switch (type)
        {
            case OrderType.Limit when timeInForce == TimeInForce.GoodTillCancel:
                venueType = "EXCHANGE LIMIT"u8;
                return true;
            case OrderType.Limit when timeInForce == TimeInForce.ImmediateOrCancel:
                venueType = "EXCHANGE IOC"u8;
                return true;
            case OrderType.Limit when timeInForce == TimeInForce.FillOrKill:
                venueType = "EXCHANGE FOK"u8;
                return true;
            case OrderType.Market when timeInForce == TimeInForce.ImmediateOrCancel:
                venueType = "EXCHANGE MARKET"u8;
                hasPrice = false;
                return true;
            case OrderType.PostOnly when timeInForce == TimeInForce.GoodTillCancel:
                venueType = "EXCHANGE LIMIT"u8;
                venueFlags |= FlagPostOnly;
                return true;
            default:
                venueType = default;
                venueFlags = 0;
                hasPrice = false;
                return false;
        }
    }
}
