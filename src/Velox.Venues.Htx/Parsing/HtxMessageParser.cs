using System.Runtime.CompilerServices;
using Velox.Core.Numerics;
using Velox.MarketData.Json;

namespace Velox.Venues.Htx.Parsing;

/// <summary>Span parsing of decompressed HTX messages: the top level, and numbers into fixed point.</summary>
public static class HtxMessageParser
{
    /// <summary>Collects the top-level fields of <paramref name="json"/> in any order.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out HtxMessage message, out FrameError error)
    {
        message = default;
        var m = default(HtxMessage);
        var c = new JsonScanner(json);
        if (!c.TryConsume((byte)'{'))
        {
            error = FrameError.Malformed;
            return false;
        }

        if (!c.TryConsume((byte)'}'))
        {
            do
            {
                if (!c.TryReadPropertyName(out var name))
                {
                    error = FrameError.Malformed;
                    return false;
                }

                var ok = name.Length switch
                {
                    4 when name.SequenceEqual("ping"u8) => c.TryReadNumberToken(out m.Ping),
                    2 when name.SequenceEqual("ch"u8) => c.TryReadString(out m.Channel),
                    4 when name.SequenceEqual("tick"u8) => c.Peek() == (byte)'{' && c.TryReadRawValue(out m.Tick),
                    6 when name.SequenceEqual("subbed"u8) => c.TryReadString(out m.Subbed),
                    6 when name.SequenceEqual("status"u8) => c.TryReadString(out m.Status),
                    _ => c.TrySkipValue(),
                };
                if (!ok)
                {
                    error = FrameError.UnexpectedType;
                    return false;
                }
            }
            while (c.TryConsume((byte)','));

            if (!c.TryConsume((byte)'}'))
            {
                error = FrameError.Malformed;
                return false;
            }
        }

        if (!c.AtEnd)
        {
            error = FrameError.Malformed;
            return false;
        }

        message = m;
        error = FrameError.None;
        return true;
    }

    /// <summary>Exact fixed-point parse (prices).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseExact(ReadOnlySpan<byte> token, int scale, out long raw, out FrameError error)
    {
        if (FixedPoint.TryParse(token, scale, out raw, out var status))
        {
            error = FrameError.None;
            return true;
        }

        error = ToError(status);
        return false;
    }

    /// <summary>
    /// Fixed-point parse that cuts decimals past <paramref name="scale"/> (sizes printed as binary
    /// doubles); <paramref name="truncated"/> tells when digits were dropped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseTruncating(ReadOnlySpan<byte> token, int scale, out long raw, out bool truncated, out FrameError error)
    {
        truncated = false;
        if (FixedPoint.TryParse(token, scale, out raw, out var status))
        {
            error = FrameError.None;
            return true;
        }

        if (status != FixedParseStatus.TooManyDecimals)
        {
            error = ToError(status);
            return false;
        }

        truncated = true;
        if (TryParseCut(token, scale, out raw))
        {
            error = FrameError.None;
            return true;
        }

        error = FrameError.NumberOverflow;
        return false;
    }

    /// <summary>
    /// The rare path: a decimal (plain or exponent form, e.g. 1.2846957872793565E7) whose digits below
    /// 10^-scale are dropped. Each mantissa digit lands at a known power of ten of the raw value; only
    /// those at power 0 or above are kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryParseCut(ReadOnlySpan<byte> token, int scale, out long raw)
    {
        raw = 0;
        var negative = token.Length > 0 && token[0] == (byte)'-';
        var body = negative ? token[1..] : token;
        var e = body.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = e >= 0 ? body[..e] : body;
        long exponent = 0;
        if (e >= 0)
        {
            var exponentText = body[(e + 1)..];
            if (exponentText.Length > 0 && exponentText[0] == (byte)'+')
            {
                exponentText = exponentText[1..];
            }

            if (!JsonScanner.TryParseInt64(exponentText, out exponent) || exponent is > 40 or < -400)
            {
                return false;
            }
        }

        var dot = mantissa.IndexOf((byte)'.');
        var digitCount = mantissa.Length - (dot >= 0 ? 1 : 0);
        var fractionDigits = dot >= 0 ? mantissa.Length - dot - 1 : 0;

        // Power of ten (in raw units) of the last mantissa digit.
        var lastPower = (int)exponent - fractionDigits + scale;
        ulong value = 0;
        var digit = 0;
        foreach (var c in mantissa)
        {
            if (c == (byte)'.')
            {
                continue;
            }

            var d = (uint)(c - '0');
            if (d > 9)
            {
                return false;
            }

            if (lastPower + (digitCount - 1 - digit) >= 0)
            {
                if (value > (ulong.MaxValue - 9) / 10)
                {
                    return false;
                }

                value = (value * 10) + d;
            }

            digit++;
        }

        for (var i = 0; i < lastPower; i++)
        {
            if (value > ulong.MaxValue / 10)
            {
                return false;
            }

            value *= 10;
        }

        if (value > long.MaxValue)
        {
            return false;
        }

        raw = negative ? -(long)value : (long)value;
        return true;
    }

    private static FrameError ToError(FixedParseStatus status) => status switch
    {
        FixedParseStatus.TooManyDecimals => FrameError.TooManyDecimals,
        FixedParseStatus.Overflow => FrameError.NumberOverflow,
        _ => FrameError.InvalidNumber,
    };
}
