namespace Velox.Core.Numerics;

/// <summary>
/// Formats a fixed-point value exactly as JavaScript's Number#toString prints the same number:
/// plain decimals for 1e-6 &lt;= |x| &lt; 1e21, exponent form otherwise (7e-7, 6.6e-7, 1.5e+21).
/// Exchanges written in JavaScript (Bitfinex) checksum this text, and .NET's own formatting
/// ("7E-07") differs. Exact for values with at most 15 significant digits, and for any value
/// whose digits are already the shortest round-trip text of a double (what a JS server sends).
/// </summary>
public static class JsNumberFormat
{
    /// <summary>Longest output: sign, 19 digits, dot, "e-", 3 exponent digits.</summary>
    public const int MaxLength = 28;

    /// <summary>Writes the JS text of raw/10^scale; false when the destination is too small.</summary>
    public static bool TryFormat(long raw, int scale, Span<byte> destination, out int written)
    {
        written = 0;
        if (raw == 0)
        {
            if (destination.IsEmpty)
            {
                return false;
            }

            destination[0] = (byte)'0';
            written = 1;
            return true;
        }

        Span<byte> digits = stackalloc byte[20];
        var len = FixedPoint.WriteDigits(raw, digits, out var negative);
        var k = len - FixedPoint.CountTrailingZeros(digits[..len], len - 1);

        // ECMAScript Number::toString: value = 0.d1..dk × 10^n.
        var n = len - scale;
        var w = 0;
        if (negative)
        {
            if (!Fits(destination, w, 1))
            {
                return false;
            }

            destination[w++] = (byte)'-';
        }

        if (k <= n && n <= 21)
        {
            if (!Fits(destination, w, n))
            {
                return false;
            }

            digits[..k].CopyTo(destination[w..]);
            w += k;
            destination.Slice(w, n - k).Fill((byte)'0');
            w += n - k;
        }
        else if (n > 0 && n <= 21)
        {
            if (!Fits(destination, w, k + 1))
            {
                return false;
            }

            digits[..n].CopyTo(destination[w..]);
            w += n;
            destination[w++] = (byte)'.';
            digits[n..k].CopyTo(destination[w..]);
            w += k - n;
        }
        else if (n > -6 && n <= 0)
        {
            if (!Fits(destination, w, 2 - n + k))
            {
                return false;
            }

            destination[w++] = (byte)'0';
            destination[w++] = (byte)'.';
            destination.Slice(w, -n).Fill((byte)'0');
            w += -n;
            digits[..k].CopyTo(destination[w..]);
            w += k;
        }
        else
        {
            var e = n - 1;
            var expAbs = e < 0 ? -e : e;
            var expDigits = expAbs >= 100 ? 3 : expAbs >= 10 ? 2 : 1;
            if (!Fits(destination, w, k + (k > 1 ? 1 : 0) + 2 + expDigits))
            {
                return false;
            }

            destination[w++] = digits[0];
            if (k > 1)
            {
                destination[w++] = (byte)'.';
                digits[1..k].CopyTo(destination[w..]);
                w += k - 1;
            }

            destination[w++] = (byte)'e';
            destination[w++] = e < 0 ? (byte)'-' : (byte)'+';
            for (var p = expDigits - 1; p >= 0; p--)
            {
                destination[w + p] = (byte)('0' + (expAbs % 10));
                expAbs /= 10;
            }

            w += expDigits;
        }

        written = w;
        return true;
    }

    /// <summary>Formats for diagnostics and tests (allocates; never on the hot path).</summary>
    public static string ToString(long raw, int scale)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        TryFormat(raw, scale, buffer, out var written);
        return System.Text.Encoding.ASCII.GetString(buffer[..written]);
    }

    private static bool Fits(Span<byte> destination, int at, int count) => at + count <= destination.Length;
}
