using System.Runtime.CompilerServices;
using Velox.MarketData.Books;

namespace Velox.Strategies.MarketMaking;

/// <summary>
/// The market maker's pricing in exact integer arithmetic (Int128 intermediates, truncation toward zero,
/// so the same book and position always give the same quotes). Prices are handled doubled ("×2" values)
/// so that a mid between two ticks loses nothing; quote prices are rounded once, away from the fair value.
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

    /// <summary>
    /// Bid of level <paramref name="level"/>: fair × (1 − spread/2 − level × spacing), rounded down to the tick in one
    /// exact step (so a quote is never tighter than configured), and at least one tick below the best ask
    /// (post-only must not cross). Zero or less when the level would not have a positive price.
    /// </summary>
    public static long BidPrice(long fair2, int level, BasisPoints spread, BasisPoints spacing, long tick, long bestAsk)
    {
        var factor = (2 * BasisPoints.RawPerUnit) - spread.Raw - (2L * level * spacing.Raw);
        if (factor <= 0 || fair2 <= 0)
        {
            return 0;
        }

        var divisor = 4 * BasisPoints.RawPerUnit * tick;

        // Typical prices fit a long product; only very large raw prices need the (slower, software) 128-bit division.
        var units = fair2 <= long.MaxValue / factor
            ? (fair2 * factor) / divisor
            : (long)((Int128)fair2 * factor / divisor);
        var belowAsk = FloorDiv(bestAsk - 1, tick) * tick;
        return Math.Min(units * tick, belowAsk);
    }

    /// <summary>Ask of level <paramref name="level"/>: fair × (1 + spread/2 + level × spacing) rounded up to the tick, and at least one tick above the best bid.</summary>
    public static long AskPrice(long fair2, int level, BasisPoints spread, BasisPoints spacing, long tick, long bestBid)
    {
        var factor = (2 * BasisPoints.RawPerUnit) + spread.Raw + (2L * level * spacing.Raw);
        var divisor = 4 * BasisPoints.RawPerUnit * tick;
        var units = fair2 <= (long.MaxValue - divisor) / factor
            ? FloorDiv((fair2 * factor) + divisor - 1, divisor)
            : (long)((((Int128)fair2 * factor) + divisor - 1) / divisor);
        var aboveBid = (FloorDiv(bestBid, tick) + 1) * tick;
        return Math.Max(units * tick, aboveBid);
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
