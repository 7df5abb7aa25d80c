using System.Runtime.CompilerServices;
using Velox.MarketData.Books;

namespace Velox.Strategies.MarketMaking;

/// <summary>
/// The market maker's pricing in exact integer arithmetic (Int128 intermediates, truncation toward zero,
/// so the same book and position always give the same quotes). Prices are handled doubled ("×2" values)
/// so that a mid between two ticks loses nothing before the final rounding to the tick.
/// </summary>
public static class QuoteMath
{
    /// <summary>Fixed-point one of an imbalance: imbalances lie in [-<see cref="ImbalanceOne"/>, +<see cref="ImbalanceOne"/>].</summary>
    public const long ImbalanceOne = 1_000_000_000;

    /// <summary>(bid depth − ask depth) / (bid depth + ask depth) over the top <paramref name="depth"/> levels, × <see cref="ImbalanceOne"/>; 0 on an empty book.</summary>
    public static long Imbalance(L2Book book, int depth)
    {
        var bids = Depth(book.Bids, depth);
        var asks = Depth(book.Asks, depth);
        var total = bids + asks;
        return total == 0 ? 0 : (long)((bids - asks) * ImbalanceOne / total);
    }

    /// <summary>
    /// Twice the fair value: mid, moved toward the heavier book side by <paramref name="imbalanceSkew"/> × imbalance and
    /// against the position by <paramref name="inventorySkew"/> × position / <paramref name="maxInventory"/> (clamped to ±1),
    /// both as fractions of the mid.
    /// </summary>
    public static long FairValue2(long bestBid, long bestAsk, long imbalance, BasisPoints imbalanceSkew, long position, long maxInventory, BasisPoints inventorySkew)
    {
        var mid2 = (Int128)bestBid + bestAsk;
        var imbalanceShift = mid2 * imbalance * imbalanceSkew.Raw / ((Int128)ImbalanceOne * BasisPoints.RawPerUnit);
        var clamped = Math.Clamp(position, -maxInventory, maxInventory);
        var inventoryShift = -(mid2 * clamped * inventorySkew.Raw / ((Int128)maxInventory * BasisPoints.RawPerUnit));
        return (long)(mid2 + imbalanceShift + inventoryShift);
    }

    /// <summary>Twice the distance of level <paramref name="level"/> from the fair value: half the spread plus level × spacing.</summary>
    public static long LevelOffset2(long fair2, int level, BasisPoints spread, BasisPoints spacing) =>
        (long)(((Int128)fair2 * spread.Raw / (2 * BasisPoints.RawPerUnit)) + ((Int128)fair2 * level * spacing.Raw / BasisPoints.RawPerUnit));

    /// <summary>Bid price: (fair − offset) rounded down to the tick, and at least one tick below the best ask (post-only must not cross).</summary>
    public static long BidPrice(long fair2, long offset2, long tick, long bestAsk)
    {
        var price = FloorDiv(fair2 - offset2, 2 * tick) * tick;
        var belowAsk = FloorDiv(bestAsk - 1, tick) * tick;
        return Math.Min(price, belowAsk);
    }

    /// <summary>Ask price: (fair + offset) rounded up to the tick, and at least one tick above the best bid.</summary>
    public static long AskPrice(long fair2, long offset2, long tick, long bestBid)
    {
        var price = CeilDiv(fair2 + offset2, 2 * tick) * tick;
        var aboveBid = (FloorDiv(bestBid, tick) + 1) * tick;
        return Math.Max(price, aboveBid);
    }

    /// <summary>
    /// Size of level <paramref name="level"/> when the side may add at most <paramref name="room"/> to the position:
    /// earlier levels take <paramref name="size"/> each, this one what is left (at most <paramref name="size"/>), rounded down to the lot.
    /// </summary>
    public static long LevelQuantity(long room, int level, long size, long lot)
    {
        var left = room - ((long)level * size);
        if (left <= 0)
        {
            return 0;
        }

        return FloorDiv(Math.Min(left, size), lot) * lot;
    }

    /// <summary>True when the fair value moved from <paramref name="quoted2"/> to <paramref name="fair2"/> by more than <paramref name="threshold"/>.</summary>
    public static bool MovedBeyond(long quoted2, long fair2, BasisPoints threshold) =>
        (Int128)Math.Abs(fair2 - quoted2) * BasisPoints.RawPerUnit > (Int128)Math.Abs(quoted2) * threshold.Raw;

    /// <summary>Floor division (rounds toward negative infinity) for a positive divisor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FloorDiv(long value, long divisor)
    {
        var quotient = value / divisor;
        return (value % divisor) < 0 ? quotient - 1 : quotient;
    }

    /// <summary>Ceiling division for a positive divisor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long CeilDiv(long value, long divisor) => -FloorDiv(-value, divisor);

    private static Int128 Depth(L2BookSide side, int depth)
    {
        Int128 sum = 0;
        var n = Math.Min(depth, side.Count);
        for (var i = 0; i < n; i++)
        {
            sum += side.AtDepth(i).Size;
        }

        return sum;
    }
}
