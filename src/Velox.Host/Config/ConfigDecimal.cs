using System.Text;
using System.Text.Json.Serialization;
using Velox.Core.Numerics;

namespace Velox.Host.Config;

/// <summary>
/// An exact decimal from the configuration ("0.01", "1e-3"): raw / 10^scale at the smallest scale that holds it.
/// Parsed with <see cref="FixedPoint"/>, never through double or decimal; <see cref="TryToRaw"/> rescales it to an
/// instrument's scale and refuses — never rounds — what that scale cannot hold.
/// </summary>
[JsonConverter(typeof(ConfigDecimalJsonConverter))]
public readonly record struct ConfigDecimal
{
    private ConfigDecimal(long raw, int scale)
    {
        Raw = raw;
        Scale = scale;
    }

    /// <summary>Units of 10^-<see cref="Scale"/>.</summary>
    public long Raw { get; }

    /// <summary>Decimal places of <see cref="Raw"/> (0 … <see cref="FixedPoint.MaxScale"/>).</summary>
    public int Scale { get; }

    public bool IsPositive => Raw > 0;

    public bool IsNegative => Raw < 0;

    /// <summary>A whole number.</summary>
    public static ConfigDecimal FromInteger(long value) => new(value, 0);

    /// <summary>Parses decimal text exactly; false for anything that is not a finite decimal within 18 places.</summary>
    public static bool TryParse(string? text, out ConfigDecimal value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64 || text.Trim().Length != text.Length)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[64];
        var length = Encoding.UTF8.GetBytes(text, utf8);
        for (var scale = 0; scale <= FixedPoint.MaxScale; scale++)
        {
            if (FixedPoint.TryParse(utf8[..length], scale, out var raw, out var status))
            {
                value = new ConfigDecimal(raw, scale);
                return true;
            }

            if (status != FixedParseStatus.TooManyDecimals)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>This value in units of 10^-<paramref name="scale"/>; false when it has more places or overflows.</summary>
    public bool TryToRaw(int scale, out long raw)
    {
        raw = 0;
        if ((uint)scale > FixedPoint.MaxScale)
        {
            return false;
        }

        if (scale >= Scale)
        {
            var wide = (Int128)Raw * (long)FixedPoint.Pow10(scale - Scale);
            if (wide > long.MaxValue || wide < long.MinValue)
            {
                return false;
            }

            raw = (long)wide;
            return true;
        }

        var divisor = (long)FixedPoint.Pow10(Scale - scale);
        if (Raw % divisor != 0)
        {
            return false;
        }

        raw = Raw / divisor;
        return true;
    }

    /// <summary>Compares exact values regardless of scale.</summary>
    public int CompareTo(ConfigDecimal other)
    {
        var scale = Math.Max(Scale, other.Scale);
        var left = (Int128)Raw * (Int128)FixedPoint.Pow10(scale - Scale);
        var right = (Int128)other.Raw * (Int128)FixedPoint.Pow10(scale - other.Scale);
        return left.CompareTo(right);
    }

    /// <summary>Plain decimal text without trailing zeros ("0.01", "100000").</summary>
    public override string ToString() => FixedPoint.ToString(Raw, Scale);
}
