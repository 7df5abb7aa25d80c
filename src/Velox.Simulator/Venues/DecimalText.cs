namespace Velox.Simulator.Venues;

/// <summary>Fixed-point numbers as the venues print them: all decimals (Binance) or trimmed (OKX).</summary>
public static class DecimalText
{
    /// <summary>Longest text written: sign, 19 digits, point.</summary>
    public const int MaxLength = 24;

    /// <summary>Writes raw/10^scale with exactly <paramref name="decimals"/> decimals (≤ scale; extra digits are cut).</summary>
    public static int WriteFixed(long raw, int scale, int decimals, Span<byte> destination)
    {
        var pos = 0;
        if (raw < 0)
        {
            destination[pos++] = (byte)'-';
            raw = -raw;
        }

        var pow = Pow10(scale);
        var integer = raw / pow;
        var fraction = raw % pow;
        integer.TryFormat(destination[pos..], out var n, default, System.Globalization.CultureInfo.InvariantCulture);
        pos += n;
        if (decimals == 0)
        {
            return pos;
        }

        destination[pos++] = (byte)'.';
        for (var i = scale - 1; i >= scale - decimals; i--)
        {
            destination[pos++] = (byte)('0' + (fraction / Pow10(i) % 10));
        }

        return pos;
    }

    /// <summary>Writes raw/10^scale without trailing zeros ("60000", "0.5").</summary>
    public static int WriteTrimmed(long raw, int scale, Span<byte> destination)
    {
        var decimals = scale;
        var pow = Pow10(scale);
        var fraction = Math.Abs(raw % pow);
        if (fraction == 0)
        {
            decimals = 0;
        }
        else
        {
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                decimals--;
            }
        }

        return WriteFixed(raw, scale, decimals, destination);
    }

    private static long Pow10(int exponent)
    {
        var value = 1L;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }
}
