using System.Runtime.CompilerServices;
using Velox.Core.Numerics;

namespace Velox.Venues.Bitfinex;

/// <summary>
/// Writes fixed-point values as JavaScript prints them, fast: values at or above 1e-6 take a plain
/// decimal path (JS prints the exact digits there), smaller ones go to <see cref="JsNumberFormat"/>
/// for exponent form. A long at scale &gt;= 0 never reaches JS's 1e21 exponent threshold.
/// </summary>
internal static class ChecksumText
{
    /// <summary>Longest text of one number (same bound as <see cref="JsNumberFormat.MaxLength"/>).</summary>
    public const int MaxLength = JsNumberFormat.MaxLength;

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
        var magnitude = raw < 0 ? -raw : raw;
        if (raw == long.MinValue || (scale >= 6 && magnitude < Powers[scale - 6]))
        {
            JsNumberFormat.TryFormat(raw, scale, destination, out var written);
            return written;
        }

        var w = 0;
        if (raw < 0)
        {
            destination[w++] = (byte)'-';
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
        var end = w + width;
        for (var i = end - 1; i >= w; i--)
        {
            var q = fraction / 10;
            destination[i] = (byte)('0' + (fraction - (q * 10)));
            fraction = q;
        }

        return end;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteDigits(ulong value, Span<byte> destination)
    {
        var count = 1;
        for (var v = value; v >= 10; v /= 10)
        {
            count++;
        }

        for (var i = count - 1; i >= 0; i--)
        {
            var q = value / 10;
            destination[i] = (byte)('0' + (value - (q * 10)));
            value = q;
        }

        return count;
    }
}
