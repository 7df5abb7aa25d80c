using Velox.MarketData.Feeds;
using Velox.MarketData.Json;

namespace Velox.Venues.Mexc.Parsing;

/// <summary>
/// Parses futures (contract) JSON frames and REST depth bodies with <see cref="JsonScanner"/>.
/// Written from the published documentation, NOT verified on real MEXC traffic. Allocation-free; never throws.
/// </summary>
public static class FuturesPushParser
{
    /// <summary>Parses one text frame; a <c>push.depth</c> must carry a non-negative <c>version</c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out FuturesPush push, out FeedError error)
    {
        push = default;
        var json = new JsonScanner(frame);
        if (!json.TryConsume((byte)'{'))
        {
            error = frame.IsEmpty ? FeedError.Empty : FeedError.Malformed;
            return false;
        }

        ReadOnlySpan<byte> channel = default;
        ReadOnlySpan<byte> symbol = default;
        ReadOnlySpan<byte> data = default;
        long ts = 0;
        var index = 0;
        JsonStep step;
        while ((step = json.NextProperty(ref index, out var name)) == JsonStep.Item)
        {
            var ok = name switch
            {
                _ when name.SequenceEqual("channel"u8) => json.TryReadString(out channel),
                _ when name.SequenceEqual("symbol"u8) => json.TryReadString(out symbol),
                _ when name.SequenceEqual("ts"u8) => json.TryReadInt64(out ts),
                _ when name.SequenceEqual("data"u8) => TryReadValue(ref json, out data),
                _ => json.TrySkipValue(),
            };
            if (!ok)
            {
                error = FeedError.Malformed;
                return false;
            }
        }

        if (step != JsonStep.End || !json.AtEnd || channel.IsEmpty)
        {
            error = step != JsonStep.End || !json.AtEnd ? FeedError.Malformed : FeedError.UnexpectedType;
            return false;
        }

        var kind = Classify(channel);
        if (kind != FuturesKind.Depth)
        {
            push = new FuturesPush(kind, symbol, ts, data, default, default, 0);
            error = FeedError.None;
            return true;
        }

        if (!TryReadDepth(data, out var asks, out var bids, out var version))
        {
            error = FeedError.Malformed;
            return false;
        }

        push = new FuturesPush(kind, symbol, ts, data, asks, bids, version);
        error = version < 0 ? FeedError.InvalidValue : FeedError.None;
        return version >= 0;
    }

    /// <summary>
    /// Reads a depth object <c>{"asks":..,"bids":..,"version":N}</c> (the push's <c>data</c>, or the
    /// REST snapshot's <c>data</c>); false when it is malformed or has no version.
    /// </summary>
    public static bool TryReadDepth(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> asks, out ReadOnlySpan<byte> bids, out long version)
    {
        asks = default;
        bids = default;
        version = -1;
        var json = new JsonScanner(data);
        if (!json.TryConsume((byte)'{'))
        {
            return false;
        }

        var index = 0;
        var hasVersion = false;
        JsonStep step;
        while ((step = json.NextProperty(ref index, out var name)) == JsonStep.Item)
        {
            var ok = name switch
            {
                _ when name.SequenceEqual("asks"u8) => json.TryReadComposite(out asks),
                _ when name.SequenceEqual("bids"u8) => json.TryReadComposite(out bids),
                _ when name.SequenceEqual("version"u8) => hasVersion = json.TryReadInt64(out version),
                _ => json.TrySkipValue(),
            };
            if (!ok)
            {
                return false;
            }
        }

        return step == JsonStep.End && hasVersion;
    }

    /// <summary>Reads the <c>data</c> object of a REST body <c>{"success":true,"code":0,"data":{..}}</c>.</summary>
    public static bool TryReadRestData(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> data)
    {
        data = default;
        var json = new JsonScanner(body);
        if (!json.TryConsume((byte)'{'))
        {
            return false;
        }

        var index = 0;
        var success = false;
        JsonStep step;
        while ((step = json.NextProperty(ref index, out var name)) == JsonStep.Item)
        {
            var ok = name switch
            {
                _ when name.SequenceEqual("success"u8) => TryReadTrue(ref json, out success),
                _ when name.SequenceEqual("data"u8) => json.TryReadComposite(out data),
                _ => json.TrySkipValue(),
            };
            if (!ok)
            {
                return false;
            }
        }

        return step == JsonStep.End && success && !data.IsEmpty;
    }

    private static bool TryReadTrue(ref JsonScanner json, out bool isTrue)
    {
        isTrue = json.Peek() == (byte)'t';
        return json.TrySkipValue();
    }

    private static bool TryReadValue(scoped ref JsonScanner json, out ReadOnlySpan<byte> value)
    {
        var c = json.Peek();
        if (c is (byte)'{' or (byte)'[')
        {
            return json.TryReadComposite(out value);
        }

        var start = json.Position;
        var ok = json.TrySkipValue();
        value = default;
        return ok && json.Position > start;
    }

    private static FuturesKind Classify(ReadOnlySpan<byte> channel)
    {
        if (channel.SequenceEqual("push.depth"u8))
        {
            return FuturesKind.Depth;
        }

        if (channel.SequenceEqual("push.deal"u8))
        {
            return FuturesKind.Deal;
        }

        if (channel.SequenceEqual("pong"u8))
        {
            return FuturesKind.Pong;
        }

        if (channel.SequenceEqual("rs.error"u8))
        {
            return FuturesKind.Error;
        }

        return channel.StartsWith("rs."u8) ? FuturesKind.Reply : FuturesKind.Other;
    }
}
