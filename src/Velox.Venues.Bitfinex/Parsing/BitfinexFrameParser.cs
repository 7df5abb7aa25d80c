using System.Runtime.CompilerServices;
using Velox.Core.Numerics;
using Velox.MarketData.Json;

namespace Velox.Venues.Bitfinex.Parsing;

/// <summary>
/// Hand-written, allocation-free parser for Bitfinex WebSocket v2 channel frames. The frame is
/// split once (chanId, tag, payload, trailing sequence/timestamp) so the sequence can be checked
/// before the payload is applied; entries are then read with the Try* helpers below.
/// </summary>
public static class BitfinexFrameParser
{
    /// <summary>True when the frame is an event object (<c>{...}</c>) rather than a channel array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsEvent(ReadOnlySpan<byte> frame)
    {
        var scanner = new JsonScanner(frame);
        return scanner.Peek() == (byte)'{';
    }

    /// <summary>Splits a channel frame <c>[chanId, payload|tag, ..., seq?, ts?]</c>.</summary>
    public static bool TryParseChannelFrame(ReadOnlySpan<byte> frame, out ChannelFrame result, out FrameError error)
    {
        result = default;
        var s = new JsonScanner(frame);
        if (!s.TryConsume((byte)'['))
        {
            error = s.AtEnd ? FrameError.Empty : FrameError.Malformed;
            return false;
        }

        if (!s.TryReadNumberToken(out var idToken))
        {
            error = FrameError.UnexpectedType;
            return false;
        }

        if (!JsonScanner.TryParseInt64(idToken, out result.ChannelId))
        {
            error = FrameError.InvalidNumber;
            return false;
        }

        if (!s.TryConsume((byte)','))
        {
            error = FrameError.Malformed;
            return false;
        }

        var c = s.Peek();
        if (c == (byte)'[')
        {
            if (!s.TryReadArray(out result.Payload))
            {
                error = FrameError.Malformed;
                return false;
            }

            var inner = new JsonScanner(result.Payload[1..]);
            var first = inner.Peek();
            result.Kind = first == (byte)'[' || first == (byte)']' ? ChannelMessageKind.Snapshot : ChannelMessageKind.Update;
        }
        else if (c == (byte)'"')
        {
            if (!s.TryReadString(out var tag))
            {
                error = FrameError.Malformed;
                return false;
            }

            result.Kind = Classify(tag);
            if (result.Kind == ChannelMessageKind.Checksum)
            {
                if (!s.TryConsume((byte)',') || !s.TryReadNumberToken(out result.Payload))
                {
                    error = FrameError.Malformed;
                    return false;
                }
            }
            else if (result.Kind is ChannelMessageKind.TradeExecuted or ChannelMessageKind.TradeUpdated)
            {
                if (!s.TryConsume((byte)','))
                {
                    error = FrameError.Malformed;
                    return false;
                }

                if (!s.TryReadArray(out result.Payload))
                {
                    error = s.Peek() == 0 ? FrameError.Malformed : FrameError.UnexpectedType;
                    return false;
                }
            }
            else if (result.Kind == ChannelMessageKind.Other)
            {
                // Unknown tags may carry anything: skip it all, keep no trailing numbers.
                error = FrameError.None;
                return true;
            }
        }
        else
        {
            error = c == 0 ? FrameError.Malformed : FrameError.UnexpectedType;
            return false;
        }

        return TryReadTrailing(ref s, out result.TrailingCount, out result.Trailing0, out result.Trailing1, out error);
    }

    /// <summary>Reads a book entry <c>[price,count,amount]</c> (raw books: <c>[orderId,price,amount]</c>) as tokens.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadTriple(ref JsonScanner s, out ReadOnlySpan<byte> first, out ReadOnlySpan<byte> second, out ReadOnlySpan<byte> third, out FrameError error)
    {
        second = default;
        third = default;
        if (!s.TryConsume((byte)'[') || !s.TryReadNumberToken(out first))
        {
            first = default;
            error = FrameError.Malformed;
            return false;
        }

        if (!s.TryConsume((byte)',') || !s.TryReadNumberToken(out second) || !s.TryConsume((byte)',') || !s.TryReadNumberToken(out third))
        {
            error = FrameError.UnexpectedType;
            return false;
        }

        if (s.TryConsume((byte)']'))
        {
            error = FrameError.None;
            return true;
        }

        // Funding books send [rate,period,count,amount]: shift so the caller sees (rate, count, amount).
        if (s.TryConsume((byte)',') && s.TryReadNumberToken(out var fourth) && s.TryConsume((byte)']'))
        {
            second = third;
            third = fourth;
            error = FrameError.None;
            return true;
        }

        error = FrameError.UnexpectedType;
        return false;
    }

    /// <summary>Parses a fixed-point number token, mapping failures to a <see cref="FrameError"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseFixed(ReadOnlySpan<byte> token, int scale, out long raw, out FrameError error)
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
    /// Like <see cref="TryParseFixed"/> but cuts decimals beyond the scale (toward zero) instead of
    /// failing: ticker sizes carry binary float artefacts such as 19203.444049780002.
    /// </summary>
    public static bool TryParseFixedTruncating(ReadOnlySpan<byte> token, int scale, out long raw, out bool truncated)
    {
        truncated = false;
        if (FixedPoint.TryParse(token, scale, out raw, out var status))
        {
            return true;
        }

        var dot = token.IndexOf((byte)'.');
        if (status != FixedParseStatus.TooManyDecimals || dot < 0 || token.IndexOfAny((byte)'e', (byte)'E') >= 0)
        {
            return false;
        }

        truncated = true;
        return FixedPoint.TryParse(token[..(dot + 1 + scale)], scale, out raw);
    }

    internal static FrameError ToError(FixedParseStatus status) => status switch
    {
        FixedParseStatus.TooManyDecimals => FrameError.TooManyDecimals,
        FixedParseStatus.Overflow => FrameError.NumberOverflow,
        _ => FrameError.InvalidNumber,
    };

    private static bool TryReadTrailing(ref JsonScanner s, out int count, out long first, out long second, out FrameError error)
    {
        count = 0;
        first = 0;
        second = 0;
        while (true)
        {
            if (s.TryConsume((byte)']'))
            {
                error = s.AtEnd ? FrameError.None : FrameError.Malformed;
                return error == FrameError.None;
            }

            if (!s.TryConsume((byte)','))
            {
                error = FrameError.Malformed;
                return false;
            }

            if (!s.TryReadNumberToken(out var token))
            {
                error = s.Peek() == 0 ? FrameError.Malformed : FrameError.UnexpectedType;
                return false;
            }

            if (!JsonScanner.TryParseInt64(token, out var value))
            {
                error = FrameError.InvalidNumber;
                return false;
            }

            if (count == 0)
            {
                first = value;
            }
            else if (count == 1)
            {
                second = value;
            }

            count++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ChannelMessageKind Classify(ReadOnlySpan<byte> tag)
    {
        if (tag.Length == 2)
        {
            var key = tag[0] | (tag[1] << 8);
            switch (key)
            {
                case 'h' | ('b' << 8):
                    return ChannelMessageKind.Heartbeat;
                case 'c' | ('s' << 8):
                    return ChannelMessageKind.Checksum;
                case 't' | ('e' << 8):
                    return ChannelMessageKind.TradeExecuted;
                case 't' | ('u' << 8):
                    return ChannelMessageKind.TradeUpdated;
            }
        }
        else if (tag.SequenceEqual("fte"u8))
        {
            return ChannelMessageKind.TradeExecuted;
        }
        else if (tag.SequenceEqual("ftu"u8))
        {
            return ChannelMessageKind.TradeUpdated;
        }

        return ChannelMessageKind.Other;
    }
}
