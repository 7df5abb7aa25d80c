using System.Runtime.CompilerServices;

namespace Velox.Core.Numerics;

/// <summary>
/// Decimal text (UTF-8) to and from fixed-point raw values: value = raw / 10^scale.
/// Parsing never goes through double or decimal, accepts exponent notation (7e-7, -3.5e-7, 1E+2)
/// and refuses — never truncates — what the scale cannot hold exactly.
/// </summary>
public static class FixedPoint
{
    /// <summary>Largest supported scale (10^18 still fits a long).</summary>
    public const int MaxScale = 18;

    private const ulong MantissaLimit = (ulong.MaxValue - 9) / 10;
    private const int MaxExponentDigits = 4;

    private static readonly ulong[] PowersOf10 =
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL,
        1_000_000_000UL, 10_000_000_000UL, 100_000_000_000UL, 1_000_000_000_000UL,
        10_000_000_000_000UL, 100_000_000_000_000UL, 1_000_000_000_000_000UL,
        10_000_000_000_000_000UL, 100_000_000_000_000_000UL, 1_000_000_000_000_000_000UL,
        10_000_000_000_000_000_000UL,
    ];

    /// <summary>10^n as a ulong for 0 &lt;= n &lt;= 19.</summary>
    public static ulong Pow10(int n) => PowersOf10[n];

    /// <summary>Parses a JSON-style number (no quotes) into raw units of 10^-scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> utf8, int scale, out long raw) =>
        TryParse(utf8, scale, out raw, out _);

    /// <summary>Parses a JSON-style number (no quotes) into raw units of 10^-scale, with the reason on failure.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, int scale, out long raw, out FixedParseStatus status)
    {
        raw = 0;
        if ((uint)scale > MaxScale)
        {
            status = FixedParseStatus.Overflow;
            return false;
        }

        var i = 0;
        var negative = false;
        if (utf8.Length > 0 && utf8[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        ulong mantissa = 0;
        var exp10 = 0;
        var digits = 0;
        var lostNonZero = false;
        var seenDot = false;
        for (; i < utf8.Length; i++)
        {
            var c = utf8[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                digits++;
                if (mantissa <= MantissaLimit)
                {
                    mantissa = (mantissa * 10) + d;
                    if (seenDot)
                    {
                        exp10--;
                    }
                }
                else if (!seenDot)
                {
                    // The integer part is longer than the mantissa; keep the magnitude, fail below if it matters.
                    exp10++;
                    lostNonZero |= d != 0;
                }
                else
                {
                    lostNonZero |= d != 0;
                }
            }
            else if (c == (byte)'.' && !seenDot)
            {
                seenDot = true;
            }
            else
            {
                break;
            }
        }

        if (digits == 0)
        {
            status = i < utf8.Length ? FixedParseStatus.InvalidCharacter : FixedParseStatus.Empty;
            return false;
        }

        if (i < utf8.Length)
        {
            if (!TryParseExponent(utf8[i..], out var exponent))
            {
                status = FixedParseStatus.InvalidCharacter;
                return false;
            }

            exp10 += exponent;
        }

        if (lostNonZero)
        {
            status = seenDot ? FixedParseStatus.TooManyDecimals : FixedParseStatus.Overflow;
            return false;
        }

        return Scale(mantissa, exp10 + scale, negative, out raw, out status);
    }

    private static bool TryParseExponent(ReadOnlySpan<byte> s, out int exponent)
    {
        exponent = 0;
        if (s.Length < 2 || (s[0] | 0x20) != (byte)'e')
        {
            return false;
        }

        var i = 1;
        var negative = false;
        if (s[i] == (byte)'-' || s[i] == (byte)'+')
        {
            negative = s[i] == (byte)'-';
            i++;
        }

        if (i == s.Length || s.Length - i > MaxExponentDigits)
        {
            return false;
        }

        for (; i < s.Length; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d > 9)
            {
                return false;
            }

            exponent = (exponent * 10) + (int)d;
        }

        if (negative)
        {
            exponent = -exponent;
        }

        return true;
    }

    private static bool Scale(ulong mantissa, int shift, bool negative, out long raw, out FixedParseStatus status)
    {
        raw = 0;
        if (mantissa == 0)
        {
            status = FixedParseStatus.Ok;
            return true;
        }

        if (shift < 0)
        {
            if (shift < -19)
            {
                status = FixedParseStatus.TooManyDecimals;
                return false;
            }

            var divisor = PowersOf10[-shift];
            var quotient = mantissa / divisor;
            if (quotient * divisor != mantissa)
            {
                status = FixedParseStatus.TooManyDecimals;
                return false;
            }

            mantissa = quotient;
        }
        else if (shift > 0)
        {
            if (shift > 19 || mantissa > ulong.MaxValue / PowersOf10[shift])
            {
                status = FixedParseStatus.Overflow;
                return false;
            }

            mantissa *= PowersOf10[shift];
        }

        if (mantissa > long.MaxValue)
        {
            status = FixedParseStatus.Overflow;
            return false;
        }

        raw = negative ? -(long)mantissa : (long)mantissa;
        status = FixedParseStatus.Ok;
        return true;
    }

    /// <summary>
    /// Writes raw/10^scale as plain decimal text without trailing zeros ("61837.63", "-0.0000007", "5").
    /// Returns false when the destination is too small.
    /// </summary>
    public static bool TryFormat(long raw, int scale, Span<byte> destination, out int written)
    {
        Span<byte> digits = stackalloc byte[20];
        var len = WriteDigits(raw, digits, out var negative);
        var trailing = raw == 0 ? scale : CountTrailingZeros(digits[..len], Math.Min(scale, len));
        var fracDigits = scale - trailing;
        var intDigits = len - scale;
        var needed = (negative ? 1 : 0) + (intDigits > 0 ? intDigits : 1) + (fracDigits > 0 ? 1 + fracDigits : 0);
        written = 0;
        if (needed > destination.Length)
        {
            return false;
        }

        var w = 0;
        if (negative)
        {
            destination[w++] = (byte)'-';
        }

        if (intDigits > 0)
        {
            digits[..intDigits].CopyTo(destination[w..]);
            w += intDigits;
        }
        else
        {
            destination[w++] = (byte)'0';
        }

        if (fracDigits > 0)
        {
            destination[w++] = (byte)'.';
            for (var k = 0; k < fracDigits; k++)
            {
                var index = intDigits + k;
                destination[w++] = index < 0 ? (byte)'0' : digits[index];
            }
        }

        written = w;
        return true;
    }

    /// <summary>Formats for logs and diagnostics (allocates; never on the hot path).</summary>
    public static string ToString(long raw, int scale)
    {
        Span<byte> buffer = stackalloc byte[48];
        TryFormat(raw, scale, buffer, out var written);
        return System.Text.Encoding.ASCII.GetString(buffer[..written]);
    }

    /// <summary>Writes the decimal digits of |raw| (no sign); returns their count (1 for zero).</summary>
    internal static int WriteDigits(long raw, Span<byte> digits, out bool negative)
    {
        negative = raw < 0;
        var magnitude = negative ? (ulong)(-(raw + 1)) + 1 : (ulong)raw;
        var len = CountDigits(magnitude);
        for (var k = len - 1; k >= 0; k--)
        {
            var q = magnitude / 10;
            digits[k] = (byte)('0' + (magnitude - (q * 10)));
            magnitude = q;
        }

        return len;
    }

    internal static int CountTrailingZeros(ReadOnlySpan<byte> digits, int max)
    {
        var n = 0;
        while (n < max && digits[digits.Length - 1 - n] == (byte)'0')
        {
            n++;
        }

        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int CountDigits(ulong value)
    {
        var n = 1;
        while (n < 20 && value >= PowersOf10[n])
        {
            n++;
        }

        return n;
    }
}
