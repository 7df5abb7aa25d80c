namespace Velox.Core.Numerics;

/// <summary>Price × quantity with a 128-bit intermediate, so large books cannot overflow silently.</summary>
public static class Notional
{
    /// <summary>
    /// price (priceScale) × quantity (sizeScale) expressed at resultScale. Returns false when the result
    /// does not fit a long or would lose digits that are not zero.
    /// </summary>
    public static bool TryCompute(Price price, int priceScale, Quantity quantity, int sizeScale, int resultScale, out long raw)
    {
        raw = 0;
        var product = (Int128)price.Raw * quantity.Raw;
        var shift = resultScale - priceScale - sizeScale;
        if (shift < 0)
        {
            if (shift < -38)
            {
                return product == 0;
            }

            var divisor = Pow10(-shift);
            var quotient = product / divisor;
            if (quotient * divisor != product)
            {
                return false;
            }

            product = quotient;
        }
        else if (shift > 0)
        {
            if (shift > 38)
            {
                return product == 0;
            }

            var factor = Pow10(shift);
            if (Int128.Abs(product) > Int128.MaxValue / factor)
            {
                return false;
            }

            product *= factor;
        }

        if (product > long.MaxValue || product < long.MinValue)
        {
            return false;
        }

        raw = (long)product;
        return true;
    }

    private static Int128 Pow10(int n)
    {
        Int128 value = 1;
        for (var i = 0; i < n; i++)
        {
            value *= 10;
        }

        return value;
    }
}
