using System.Runtime.CompilerServices;
using Velox.Core.Numerics;

namespace Velox.Venues.Bitfinex;

/// <summary>
/// Writes fixed-point values as JavaScript's Number#toString prints them, fast: plain decimals at or
/// above 1e-6, exponent form ("6.6e-7") below. A long at scale &gt;= 0 never reaches JS's 1e21
/// threshold. Same output as <see cref="JsNumberFormat"/> (checked by test), without its generality.
/// </summary>
[SkipLocalsInit]
internal static class ChecksumText
{
    /// <summary>Longest text of one number (same bound as <see cref="JsNumberFormat.MaxLength"/>).</summary>
    public const int MaxLength = JsNumberFormat.MaxLength;

    private static readonly byte[] TwoDigits = BuildTwoDigits();

    private static readonly long[] Powers =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L,
    ];

    /// <summary>Writes the JS text of raw/10^scale at the start of <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes); returns its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Write(long raw, int scale, Span<byte> destination)
    {
        if (raw == long.MinValue)
        {
            JsNumberFormat.TryFormat(raw, scale, destination, out var written);
            return written;
        }

        var magnitude = raw < 0 ? -raw : raw;
        var w = 0;
        if (raw < 0)
        {
            destination[w++] = (byte)'-';
        }

        if (scale >= 6 && magnitude < Powers[scale - 6] && magnitude != 0)
        {
            return w + WriteExponent((ulong)magnitude, scale, destination[w..]);
        }

        var unit = Powers[scale];
        var integer = magnitude / unit;
        var fraction = magnitude - (integer * unit);
        w += WriteDigits((ulong)integer, destination[w..]);
        if (fraction == 0)
        {
            return w;
        }

        // Fraction digits: drop trailing zeros first, then print the rest left-padded to its width.
        var width = scale;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            width--;
        }

        destination[w++] = (byte)'.';
        WriteDigits((ulong)fraction, destination[w..], width);
        return w + width;
    }

    private static byte[] BuildTwoDigits()
    {
        var table = new byte[200];
        for (var i = 0; i < 100; i++)
        {
            table[2 * i] = (byte)('0' + (i / 10));
            table[(2 * i) + 1] = (byte)('0' + (i % 10));
        }

        return table;
    }

    /// <summary>JS exponent form below 1e-6: "7e-7", "6.6e-7", "1.23e-10".</summary>
    private static int WriteExponent(ulong magnitude, int scale, Span<byte> destination)
    {
        var length = CountDigits(magnitude);

        var exponent = scale - length + 1;
        while (magnitude % 10 == 0)
        {
            magnitude /= 10;
            length--;
        }

        // Digits go to [0] and [2..length]; the '.' (if any) is placed after the first digit.
        Span<byte> digits = stackalloc byte[20];
        WriteDigits(magnitude, digits);
        var w = 0;
        destination[w++] = digits[0];
        if (length > 1)
        {
            destination[w++] = (byte)'.';
            digits[1..length].CopyTo(destination[w..]);
            w += length - 1;
        }

        destination[w++] = (byte)'e';
        destination[w++] = (byte)'-';
        return w + WriteDigits((ulong)exponent, destination[w..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteDigits(ulong value, Span<byte> destination)
    {
        var count = CountDigits(value);
        WriteDigits(value, destination, count);
        return count;
    }

    /// <summary>Writes exactly <paramref name="count"/> digits (left-padded with zeros), two per division.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteDigits(ulong value, Span<byte> destination, int count)
    {
        var pairs = TwoDigits;
        var i = count;
        while (i >= 2)
        {
            var q = value / 100;
            var r = (int)(value - (q * 100)) * 2;
            destination[i - 1] = pairs[r + 1];
            destination[i - 2] = pairs[r];
            value = q;
            i -= 2;
        }

        if (i == 1)
        {
            destination[0] = (byte)('0' + value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountDigits(ulong value)
    {
        var count = 1;
        while (count < 19 && value >= (ulong)Powers[count])
        {
            count++;
        }

        return count;
    }
}
