using System.Runtime.CompilerServices;
using Velox.MarketData.Feeds;
using Velox.MarketData.Json;
using Velox.Venues.Mexc.Protobuf;

namespace Velox.Venues.Mexc.Parsing;

/// <summary>
/// Parses spot v3 protobuf pushes (<c>PushDataV3ApiWrapper</c>) with <see cref="ProtoReader"/>;
/// unknown fields are skipped. Written from the published .proto files, NOT verified on real MEXC
/// traffic. Allocation-free; never throws.
/// </summary>
public static class SpotPushParser
{
    private const int ChannelField = 1;
    private const int SymbolField = 3;
    private const int SendTimeField = 6;

    // PublicAggreDepthsV3Api: asks = 1, bids = 2, eventType = 3, fromVersion = 4, toVersion = 5.
    // PublicIncreaseDepthsV3Api: asks = 1, bids = 2, eventType = 3, version = 4.
    private const int FromVersionField = 4;
    private const int ToVersionField = 5;

    /// <summary>Parses one binary frame; depth pushes must carry their versions (as decimal strings).</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out SpotPush push, out FeedError error)
    {
        push = default;
        if (frame.IsEmpty)
        {
            error = FeedError.Empty;
            return false;
        }

        var reader = new ProtoReader(frame);
        ReadOnlySpan<byte> channelName = default;
        ReadOnlySpan<byte> symbol = default;
        ReadOnlySpan<byte> body = default;
        var channel = SpotChannel.Other;
        long sendTime = 0;
        while (reader.TryReadTag(out var field, out var wire))
        {
            var ok = field switch
            {
                ChannelField => wire == WireType.LengthDelimited && reader.TryReadLengthDelimited(out channelName),
                SymbolField => wire == WireType.LengthDelimited && reader.TryReadLengthDelimited(out symbol),
                SendTimeField => wire == WireType.Varint && reader.TryReadInt64(out sendTime),
                (int)SpotChannel.Deals or (int)SpotChannel.IncreaseDepth or (int)SpotChannel.AggreDepth or (int)SpotChannel.AggreDeals
                    => wire == WireType.LengthDelimited && reader.TryReadLengthDelimited(out body) && SetChannel(ref channel, field),
                _ => reader.TrySkip(wire),
            };
            if (!ok)
            {
                error = FeedError.Malformed;
                return false;
            }
        }

        if (!reader.AtEnd)
        {
            error = FeedError.Malformed;
            return false;
        }

        if (symbol.IsEmpty)
        {
            symbol = channelName[(channelName.LastIndexOf((byte)'@') + 1)..];
        }

        long from = 0, to = 0;
        if (channel is SpotChannel.AggreDepth or SpotChannel.IncreaseDepth)
        {
            error = ReadVersions(body, channel, out from, out to);
            if (error != FeedError.None)
            {
                return false;
            }
        }

        push = new SpotPush(channel, channelName, symbol, sendTime, body, from, to);
        error = FeedError.None;
        return true;
    }

    private static bool SetChannel(ref SpotChannel channel, int field)
    {
        channel = (SpotChannel)field;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FeedError ReadVersions(ReadOnlySpan<byte> body, SpotChannel channel, out long from, out long to)
    {
        from = -1;
        to = -1;
        var reader = new ProtoReader(body);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field is FromVersionField or ToVersionField && wire == WireType.LengthDelimited)
            {
                if (!reader.TryReadLengthDelimited(out var text) || !JsonScanner.TryParseInt64(text, out var version) || version < 0)
                {
                    return FeedError.InvalidNumber;
                }

                if (field == FromVersionField)
                {
                    from = version;
                }
                else
                {
                    to = version;
                }
            }
            else if (!reader.TrySkip(wire))
            {
                return FeedError.Malformed;
            }
        }

        if (!reader.AtEnd)
        {
            return FeedError.Malformed;
        }

        if (channel == SpotChannel.IncreaseDepth)
        {
            to = from;
        }

        return from < 0 || to < from ? FeedError.InvalidValue : FeedError.None;
    }
}
