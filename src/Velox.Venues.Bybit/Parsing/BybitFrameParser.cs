using Velox.Core.Numerics;
using Velox.MarketData.Json;

namespace Velox.Venues.Bybit.Parsing;

/// <summary>Allocation-free parsing of Bybit v5 public frames into views and fixed-point values.</summary>
public static class BybitFrameParser
{
    /// <summary>Splits a frame into its routing fields; members may come in any order (spot and linear differ).</summary>
    public static bool TryParseEnvelope(ReadOnlySpan<byte> frame, out BybitEnvelope envelope, out FrameError error)
    {
        envelope = default;
        var s = new JsonScanner(frame);
        if (s.AtEnd)
        {
            error = FrameError.Empty;
            return false;
        }

        if (!s.TryConsume((byte)'{'))
        {
            error = FrameError.Malformed;
            return false;
        }

        ReadOnlySpan<byte> topic = default, type = default, data = default, op = default, returnMessage = default;
        var success = true;
        long crossSequence = -1;
        var index = 0;
        JsonStep step;
        while ((step = s.NextProperty(ref index, out var name)) == JsonStep.Item)
        {
            bool ok;
            if (name.SequenceEqual("data"u8))
            {
                var c = s.Peek();
                ok = (c == (byte)'{' || c == (byte)'[') && s.TryReadComposite(out data);
            }
            else if (name.SequenceEqual("topic"u8))
            {
                ok = s.TryReadString(out topic);
            }
            else if (name.SequenceEqual("type"u8))
            {
                ok = s.TryReadString(out type);
            }
            else if (name.SequenceEqual("cs"u8))
            {
                ok = s.TryReadInt64Text(out crossSequence);
            }
            else if (name.SequenceEqual("op"u8))
            {
                ok = s.TryReadString(out op);
            }
            else if (name.SequenceEqual("ret_msg"u8))
            {
                ok = s.TryReadString(out returnMessage);
            }
            else if (name.SequenceEqual("success"u8))
            {
                success = s.Peek() == (byte)'t';
                ok = s.TrySkipValue();
            }
            else
            {
                ok = s.TrySkipValue();
            }

            if (!ok)
            {
                error = FrameError.Malformed;
                return false;
            }
        }

        if (step == JsonStep.Malformed || !s.AtEnd)
        {
            error = FrameError.Malformed;
            return false;
        }

        if (!op.IsEmpty)
        {
            envelope = new BybitEnvelope(BybitMessageKind.Reply, topic, type, data, op, returnMessage, success, crossSequence);
            error = FrameError.None;
            return true;
        }

        if (topic.IsEmpty || data.IsEmpty)
        {
            error = FrameError.Malformed;
            return false;
        }

        envelope = new BybitEnvelope(BybitMessageKind.Data, topic, type, data, op, returnMessage, success, crossSequence);
        error = FrameError.None;
        return true;
    }

    /// <summary>Parses a decimal text into raw units of 10^-scale.</summary>
    public static bool TryParseFixed(ReadOnlySpan<byte> text, int scale, out long raw, out FrameError error)
    {
        if (FixedPoint.TryParse(text, scale, out raw, out var status))
        {
            error = FrameError.None;
            return true;
        }

        error = status switch
        {
            FixedParseStatus.TooManyDecimals => FrameError.TooManyDecimals,
            FixedParseStatus.Overflow => FrameError.NumberOverflow,
            _ => FrameError.InvalidNumber,
        };
        return false;
    }
}
