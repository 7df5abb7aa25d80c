namespace Velox.Strategies.Arbitrage;

/// <summary>Opportunity arithmetic in integers (Int128), so "just below" and "exactly at" the margin are decided exactly.</summary>
public static class ArbitrageMath
{
    /// <summary>
    /// sell × (1 − sellFee) − buy × (1 + buyFee + margin), in raw price × <see cref="BasisPoints.RawPerUnit"/>:
    /// zero or more means buying at <paramref name="buyPrice"/> and selling at <paramref name="sellPrice"/> earns at least the margin after both taker fees.
    /// </summary>
    public static Int128 NetEdge(long buyPrice, BasisPoints buyFee, long sellPrice, BasisPoints sellFee, BasisPoints margin) =>
        ((Int128)sellPrice * (BasisPoints.RawPerUnit - sellFee.Raw)) - ((Int128)buyPrice * (BasisPoints.RawPerUnit + buyFee.Raw + margin.Raw));

    /// <summary>
    /// IOC limits priced through the observed top by up to <paramref name="tolerance"/> (buy above
    /// <paramref name="buyPrice"/>, sell below <paramref name="sellPrice"/>, the same fraction on both), but no
    /// further than where <see cref="NetEdge"/> of the two limits is still zero or more: filled at the limits, the
    /// cycle still earns the margin after both fees. Limits are rounded inwards to their ticks (the buy down, the
    /// sell up). Returns true when the tolerance had to be cut by the margin. With no edge to spare, or prices off
    /// their ticks, the limits are the top prices.
    /// </summary>
    public static bool TryLimitPrices(
        long buyPrice, BasisPoints buyFee, long buyTick, long sellPrice, BasisPoints sellFee, long sellTick, BasisPoints margin, BasisPoints tolerance,
        out long buyLimit, out long sellLimit)
    {
        buyLimit = buyPrice;
        sellLimit = sellPrice;
        var edge = NetEdge(buyPrice, buyFee, sellPrice, sellFee, margin);
        if (tolerance.Raw <= 0 || edge <= 0 || buyTick <= 0 || sellTick <= 0)
        {
            return false;
        }

        // Moving both limits by the fraction t (raw t / RawPerUnit) takes t × (sell × (1 − sellFee) + buy × (1 + buyFee + margin)) off the edge.
        var cost = ((Int128)sellPrice * (BasisPoints.RawPerUnit - sellFee.Raw)) + ((Int128)buyPrice * (BasisPoints.RawPerUnit + buyFee.Raw + margin.Raw));
        var affordable = edge * BasisPoints.RawPerUnit / cost;
        var capped = affordable < tolerance.Raw;
        var t = capped ? (long)affordable : tolerance.Raw;
        var buy = (long)((Int128)buyPrice * (BasisPoints.RawPerUnit + t) / BasisPoints.RawPerUnit);
        var sell = (long)((((Int128)sellPrice * (BasisPoints.RawPerUnit - t)) + BasisPoints.RawPerUnit - 1) / BasisPoints.RawPerUnit);
        buy = buy / buyTick * buyTick;
        sell = (sell + sellTick - 1) / sellTick * sellTick;
        if (buy >= buyPrice && sell <= sellPrice && NetEdge(buy, buyFee, sell, sellFee, margin) >= 0)
        {
            buyLimit = buy;
            sellLimit = sell;
        }

        return capped;
    }

    /// <summary>Least common multiple of two positive lot sizes (a quantity tradable on both venues is a multiple of it).</summary>
    public static long CommonLot(long lotA, long lotB)
    {
        var a = lotA;
        var b = lotB;
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return checked(lotA / a * lotB);
    }
}
