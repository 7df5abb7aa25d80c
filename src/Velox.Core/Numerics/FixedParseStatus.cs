namespace Velox.Core.Numerics;

/// <summary>Why a decimal text could not become a fixed-point value.</summary>
public enum FixedParseStatus : byte
{
    Ok = 0,

    /// <summary>No digits at all (empty text, a lone sign, a lone dot).</summary>
    Empty,

    /// <summary>A character that is not part of a decimal number, or a malformed exponent.</summary>
    InvalidCharacter,

    /// <summary>The value has more fractional digits than the scale can hold; it would be truncated.</summary>
    TooManyDecimals,

    /// <summary>The value does not fit a 64-bit raw value at this scale.</summary>
    Overflow,
}
