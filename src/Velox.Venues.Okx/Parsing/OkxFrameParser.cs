using Velox.Core.Numerics;
using Velox.MarketData.Json;

namespace Velox.Venues.Okx.Parsing;

/// <summary>Allocation-free parsing of OKX v5 public frames into views and fixed-point values.</summary>
public static class OkxFrameParser
{
    /// <summary>Splits a frame into its routing fields; members may come in any order.</summary>
    public static bool TryParseEnvelope(ReadOnlySpan<byte> frame, out OkxEnvelope envelope, out FrameError error)
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
            var pong = frame.Trim((byte)' ').SequenceEqual("pong"u8);
            envelope = new OkxEnvelope(OkxMessageKind.Pong, default, default, default, default, default);
            error = pong ? FrameError.None : FrameError.Malformed;
            return pong;
        }

        ReadOnlySpan<byte> eventName = default, channel = default, instId = default, action = default, data = default;
        var index = 0;
        JsonStep step;
        while ((step = s.NextProperty(ref index, out var name)) == JsonStep.Item)
        {
            var ok = name.SequenceEqual("arg"u8) ? TryReadArg(ref s, out channel, out instId)
                : name.SequenceEqual("data"u8) ? s.Peek() == (byte)'[' && s.TryReadComposite(out data)
                : name.SequenceEqual("action"u8) ? s.TryReadString(out action)
                : name.SequenceEqual("event"u8) ? s.TryReadString(out eventName)
                : s.TrySkipValue();
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

        if (!eventName.IsEmpty)
        {
            envelope = new OkxEnvelope(OkxMessageKind.Event, eventName, channel, instId, action, data);
            error = FrameError.None;
            return true;
        }

        if (channel.IsEmpty || data.IsEmpty)
        {
            error = FrameError.Malformed;
            return false;
        }

        envelope = new OkxEnvelope(OkxMessageKind.Data, eventName, channel, instId, action, data);
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

    private static bool TryReadArg(scoped ref JsonScanner s, out ReadOnlySpan<byte> channel, out ReadOnlySpan<byte> instId)
    {
        channel = default;
        instId = default;
        if (!s.TryConsume((byte)'{'))
        {
            return false;
        }

        var index = 0;
        JsonStep step;
        while ((step = s.NextProperty(ref index, out var name)) == JsonStep.Item)
        {
            var ok = name.SequenceEqual("channel"u8) ? s.TryReadString(out channel)
                : name.SequenceEqual("instId"u8) ? s.TryReadString(out instId)
                : s.TrySkipValue();
            if (!ok)
            {
                return false;
            }
        }

        return step == JsonStep.End;
    }
}
