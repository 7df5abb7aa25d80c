using Velox.MarketData.Json;

namespace Velox.Venues.Kraken.Parsing;

/// <summary>
/// The fields of an event object the session uses (<c>systemStatus</c>, <c>subscriptionStatus</c>,
/// <c>heartbeat</c>, <c>pong</c>), as views into the frame; absent numbers are -1.
/// </summary>
public readonly ref struct KrakenEvent
{
    private KrakenEvent(ReadOnlySpan<byte> name, ReadOnlySpan<byte> status, ReadOnlySpan<byte> channelName, ReadOnlySpan<byte> pair, ReadOnlySpan<byte> subscriptionName, long channelId, long depth)
    {
        Name = name;
        Status = status;
        ChannelName = channelName;
        Pair = pair;
        SubscriptionName = subscriptionName;
        ChannelId = channelId;
        Depth = depth;
    }

    /// <summary>The <c>event</c> value.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary><c>status</c>: "subscribed", "unsubscribed", "error", "online", ...</summary>
    public ReadOnlySpan<byte> Status { get; }

    public ReadOnlySpan<byte> ChannelName { get; }

    public ReadOnlySpan<byte> Pair { get; }

    /// <summary><c>subscription.name</c>.</summary>
    public ReadOnlySpan<byte> SubscriptionName { get; }

    public long ChannelId { get; }

    /// <summary><c>subscription.depth</c>, or -1.</summary>
    public long Depth { get; }

    /// <summary>Parses an event object.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out KrakenEvent parsed)
    {
        parsed = default;
        var s = new JsonScanner(frame);
        if (!s.TryConsume((byte)'{'))
        {
            return false;
        }

        ReadOnlySpan<byte> name = default, status = default, channelName = default, pair = default, subscriptionName = default;
        long channelId = -1, depth = -1;
        var index = 0;
        JsonStep step;
        while ((step = s.NextProperty(ref index, out var member)) == JsonStep.Item)
        {
            var ok = member.SequenceEqual("event"u8) ? s.TryReadString(out name)
                : member.SequenceEqual("status"u8) ? s.TryReadString(out status)
                : member.SequenceEqual("channelName"u8) ? s.TryReadString(out channelName)
                : member.SequenceEqual("pair"u8) && s.Peek() == (byte)'"' ? s.TryReadString(out pair)
                : member.SequenceEqual("channelID"u8) ? s.TryReadInt64Text(out channelId)
                : member.SequenceEqual("subscription"u8) ? TryReadSubscription(ref s, out subscriptionName, out depth)
                : s.TrySkipValue();
            if (!ok)
            {
                return false;
            }
        }

        if (step != JsonStep.End || !s.AtEnd || name.IsEmpty)
        {
            return false;
        }

        parsed = new KrakenEvent(name, status, channelName, pair, subscriptionName, channelId, depth);
        return true;
    }

    private static bool TryReadSubscription(scoped ref JsonScanner s, out ReadOnlySpan<byte> name, out long depth)
    {
        name = default;
        depth = -1;
        if (!s.TryConsume((byte)'{'))
        {
            return false;
        }

        var index = 0;
        JsonStep step;
        while ((step = s.NextProperty(ref index, out var member)) == JsonStep.Item)
        {
            var ok = member.SequenceEqual("name"u8) ? s.TryReadString(out name)
                : member.SequenceEqual("depth"u8) ? s.TryReadInt64Text(out depth)
                : s.TrySkipValue();
            if (!ok)
            {
                return false;
            }
        }

        return step == JsonStep.End;
    }
}
