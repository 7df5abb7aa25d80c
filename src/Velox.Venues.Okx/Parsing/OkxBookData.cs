using Velox.MarketData.Json;

namespace Velox.Venues.Okx.Parsing;

/// <summary>
/// One element of a <c>books</c> message's data array:
/// <c>{"asks":[[px,sz,"0",n],...],"bids":[...],"ts":"..","checksum":N,"seqId":N,"prevSeqId":N}</c>.
/// Level arrays are views into the frame; seqId/prevSeqId are -1 when absent (older feeds).
/// </summary>
public readonly ref struct OkxBookData
{
    private OkxBookData(ReadOnlySpan<byte> asks, ReadOnlySpan<byte> bids, bool hasChecksum, int checksum, long seqId, long prevSeqId)
    {
        Asks = asks;
        Bids = bids;
        HasChecksum = hasChecksum;
        Checksum = checksum;
        SeqId = seqId;
        PrevSeqId = prevSeqId;
    }

    /// <summary>The asks array, brackets included.</summary>
    public ReadOnlySpan<byte> Asks { get; }

    /// <summary>The bids array, brackets included.</summary>
    public ReadOnlySpan<byte> Bids { get; }

    public bool HasChecksum { get; }

    /// <summary>CRC-32 of the top 25 levels as a signed 32-bit integer.</summary>
    public int Checksum { get; }

    public long SeqId { get; }

    public long PrevSeqId { get; }

    /// <summary>Parses one data element (an object).</summary>
    public static bool TryParse(ReadOnlySpan<byte> element, out OkxBookData data)
    {
        data = default;
        var s = new JsonScanner(element);
        if (!s.TryConsume((byte)'{'))
        {
            return false;
        }

        ReadOnlySpan<byte> asks = default, bids = default;
        var hasChecksum = false;
        long checksum = 0, seqId = -1, prevSeqId = -1;
        var index = 0;
        JsonStep step;
        while ((step = s.NextProperty(ref index, out var name)) == JsonStep.Item)
        {
            bool ok;
            if (name.SequenceEqual("asks"u8))
            {
                ok = s.Peek() == (byte)'[' && s.TryReadComposite(out asks);
            }
            else if (name.SequenceEqual("bids"u8))
            {
                ok = s.Peek() == (byte)'[' && s.TryReadComposite(out bids);
            }
            else if (name.SequenceEqual("checksum"u8))
            {
                ok = s.TryReadInt64Text(out checksum) && checksum >= int.MinValue && checksum <= int.MaxValue;
                hasChecksum = true;
            }
            else if (name.SequenceEqual("seqId"u8))
            {
                ok = s.TryReadInt64Text(out seqId);
            }
            else if (name.SequenceEqual("prevSeqId"u8))
            {
                ok = s.TryReadInt64Text(out prevSeqId);
            }
            else
            {
                ok = s.TrySkipValue();
            }

            if (!ok)
            {
                return false;
            }
        }

        if (step != JsonStep.End || asks.IsEmpty || bids.IsEmpty)
        {
            return false;
        }

        data = new OkxBookData(asks, bids, hasChecksum, (int)checksum, seqId, prevSeqId);
        return true;
    }

    /// <summary>
    /// Reads the next level <c>[px, sz, liquidatedOrders, orders]</c> of a side array (after its '['
    /// was consumed): price and size stay text, the order count is parsed.
    /// </summary>
    public static JsonStep NextLevel(scoped ref JsonScanner s, ref int index, out ReadOnlySpan<byte> price, out ReadOnlySpan<byte> size, out long orders)
    {
        price = default;
        size = default;
        orders = 0;
        var step = s.NextElement(ref index);
        if (step != JsonStep.Item)
        {
            return step;
        }

        if (!s.TryConsume((byte)'[') || !s.TryReadString(out price) || !s.TryConsume((byte)',') || !s.TryReadString(out size)
            || !s.TryConsume((byte)',') || !s.TrySkipValue() || !s.TryConsume((byte)',') || !s.TryReadInt64Text(out orders)
            || !s.TryConsume((byte)']'))
        {
            return JsonStep.Malformed;
        }

        return JsonStep.Item;
    }
}
