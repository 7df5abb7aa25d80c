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
