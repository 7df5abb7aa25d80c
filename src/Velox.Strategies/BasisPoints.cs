using System.Text;
using Velox.Core.Numerics;

namespace Velox.Strategies;

/// <summary>
/// A ratio in basis points, fixed point with two decimals: <see cref="Raw"/> = bps × 100, so 7.5 bps is 750
/// and the ratio itself is Raw / <see cref="RawPerUnit"/>. Spreads, fees, margins and thresholds use it so
/// that every price derived from them is computed in integers.
/// </summary>
public readonly record struct BasisPoints(long Raw)
{
    /// <summary>Decimal places of <see cref="Raw"/>.</summary>
    public const int Scale = 2;

    /// <summary>Raw units in a ratio of 1 (10,000 bps).</summary>
    public const long RawPerUnit = 1_000_000;

    /// <summary>Whole basis points.</summary>
    public static BasisPoints FromWhole(int bps) => new(bps * 100L);

    /// <summary>Parses decimal text such as "7.5" (at most two decimals, never through double).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out BasisPoints value)
    {
        if (FixedPoint.TryParse(utf8, Scale, out var raw))
        {
            value = new BasisPoints(raw);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Parses decimal text (configuration; throws a <see cref="FormatException"/> naming the text).</summary>
    public static BasisPoints Parse(string text) =>
        TryParse(Encoding.UTF8.GetBytes(text), out var value)
            ? value
            : throw new FormatException($"'{text}' is not a basis-point value with at most {Scale} decimals");

    public override string ToString() => FixedPoint.ToString(Raw, Scale) + " bps";
}
