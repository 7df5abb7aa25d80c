using Velox.MarketData.Json;

namespace Velox.Venues.Kraken.Parsing;

/// <summary>
/// A channel data frame <c>[channelID, payload, (payload,) channelName, pair]</c> as views into the frame.
/// Book updates may carry two payload dicts (asks and bids) in one frame.
/// </summary>
public readonly ref struct KrakenChannelFrame
{
    private KrakenChannelFrame(long channelId, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> channelName, ReadOnlySpan<byte> pair)
    {
        ChannelId = channelId;
        First = first;
        Second = second;
        ChannelName = channelName;
        Pair = pair;
    }

    public long ChannelId { get; }

    /// <summary>The first payload (object or array), brackets included.</summary>
    public ReadOnlySpan<byte> First { get; }

    /// <summary>The second payload of a two-dict book update; empty otherwise.</summary>
    public ReadOnlySpan<byte> Second { get; }

    /// <summary>"book-1000", "trade", "ticker".</summary>
    public ReadOnlySpan<byte> ChannelName { get; }

    /// <summary>"XBT/USD".</summary>
    public ReadOnlySpan<byte> Pair { get; }

    /// <summary>Splits a frame that starts with '['.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out KrakenChannelFrame parsed)
    {
        parsed = default;
        var s = new JsonScanner(frame);
        if (!s.TryConsume((byte)'[') || !s.TryReadInt64Text(out var channelId) || !s.TryConsume((byte)','))
        {
            return false;
        }

        ReadOnlySpan<byte> first = default, second = default;
        while (s.Peek() != (byte)'"')
        {
            ReadOnlySpan<byte> payload;
            if (!s.TryReadComposite(out payload) || !second.IsEmpty || !s.TryConsume((byte)','))
            {
                return false;
            }

            if (first.IsEmpty)
            {
                first = payload;
            }
            else
            {
                second = payload;
            }
        }

        if (first.IsEmpty || !s.TryReadString(out var channelName) || !s.TryConsume((byte)',') || !s.TryReadString(out var pair)
            || !s.TryConsume((byte)']') || !s.AtEnd)
        {
            return false;
        }

        parsed = new KrakenChannelFrame(channelId, first, second, channelName, pair);
        return true;
    }
}
