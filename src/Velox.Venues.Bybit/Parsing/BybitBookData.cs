using Velox.MarketData.Json;

namespace Velox.Venues.Bybit.Parsing;

/// <summary>
/// The <c>data</c> object of an <c>orderbook</c> message:
/// <c>{"s":"BTCUSDT","b":[["px","sz"],...],"a":[...],"u":N,"seq":N}</c>. Level arrays are views into the frame.
/// </summary>
public readonly ref struct BybitBookData
{
    private BybitBookData(ReadOnlySpan<byte> bids, ReadOnlySpan<byte> asks, long updateId, long crossSequence)
    {
        Bids = bids;
        Asks = asks;
        UpdateId = updateId;
        CrossSequence = crossSequence;
    }

    /// <summary>The <c>b</c> array, brackets included.</summary>
    public ReadOnlySpan<byte> Bids { get; }

    /// <summary>The <c>a</c> array, brackets included.</summary>
    public ReadOnlySpan<byte> Asks { get; }

    /// <summary><c>u</c>: +1 per message of the topic on one connection; 1 in a snapshot after a service restart.</summary>
    public long UpdateId { get; }

    /// <summary><c>seq</c>: the venue's cross sequence (comparable across depths of one symbol), or -1.</summary>
    public long CrossSequence { get; }

    /// <summary>Parses the data object; <c>b</c>, <c>a</c> and <c>u</c> are required.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out BybitBookData book)
    {
        book = default;
        var s = new JsonScanner(data);
        if (!s.TryConsume((byte)'{'))
        {
            return false;
        }

        ReadOnlySpan<byte> bids = default, asks = default;
        long updateId = -1, crossSequence = -1;
        var index = 0;
        JsonStep step;
        while ((step = s.NextProperty(ref index, out var name)) == JsonStep.Item)
        {
            var ok = name.Length == 1 && name[0] == (byte)'b' ? s.Peek() == (byte)'[' && s.TryReadComposite(out bids)
                : name.Length == 1 && name[0] == (byte)'a' ? s.Peek() == (byte)'[' && s.TryReadComposite(out asks)
                : name.Length == 1 && name[0] == (byte)'u' ? s.TryReadInt64Text(out updateId)
                : name.SequenceEqual("seq"u8) ? s.TryReadInt64Text(out crossSequence)
                : s.TrySkipValue();
            if (!ok)
            {
                return false;
            }
        }

        if (step != JsonStep.End || bids.IsEmpty || asks.IsEmpty || updateId < 0)
        {
            return false;
        }

        book = new BybitBookData(bids, asks, updateId, crossSequence);
        return true;
    }

    /// <summary>Reads the next level <c>["px","sz"]</c> of a side array (after its '[' was consumed).</summary>
    public static JsonStep NextLevel(scoped ref JsonScanner s, ref int index, out ReadOnlySpan<byte> price, out ReadOnlySpan<byte> size)
    {
        price = default;
        size = default;
        var step = s.NextElement(ref index);
        if (step != JsonStep.Item)
        {
            return step;
        }

        return s.TryConsume((byte)'[') && s.TryReadString(out price) && s.TryConsume((byte)',') && s.TryReadString(out size)
            && s.TryConsume((byte)']')
            ? JsonStep.Item
            : JsonStep.Malformed;
    }
}
