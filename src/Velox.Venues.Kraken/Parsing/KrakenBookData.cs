using Velox.MarketData.Json;

namespace Velox.Venues.Kraken.Parsing;

/// <summary>
/// One book payload dict: snapshot <c>{"as":[...],"bs":[...]}</c> or update <c>{"a":[...]}</c> /
/// <c>{"b":[...]}</c> (either or both) with an optional checksum <c>"c":"&lt;uint&gt;"</c>. Level arrays are
/// views into the frame (empty when absent).
/// </summary>
public readonly ref struct KrakenBookData
{
    private KrakenBookData(bool isSnapshot, ReadOnlySpan<byte> asks, ReadOnlySpan<byte> bids, bool hasChecksum, uint checksum)
    {
        IsSnapshot = isSnapshot;
        Asks = asks;
        Bids = bids;
        HasChecksum = hasChecksum;
        Checksum = checksum;
    }

    /// <summary>True for <c>as</c>/<c>bs</c>.</summary>
    public bool IsSnapshot { get; }

    public ReadOnlySpan<byte> Asks { get; }

    public ReadOnlySpan<byte> Bids { get; }

    public bool HasChecksum { get; }

    public uint Checksum { get; }

    /// <summary>Parses one payload dict; false when malformed or when it mixes snapshot and update keys.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out KrakenBookData data)
    {
        data = default;
        var s = new JsonScanner(payload);
        if (!s.TryConsume((byte)'{'))
        {
            return false;
        }

        ReadOnlySpan<byte> asks = default, bids = default;
        var snapshotKeys = 0;
        var updateKeys = 0;
        var hasChecksum = false;
        long checksum = 0;
        var index = 0;
        JsonStep step;
        while ((step = s.NextProperty(ref index, out var name)) == JsonStep.Item)
        {
            bool ok;
            if (name.SequenceEqual("as"u8) || name.SequenceEqual("a"u8))
            {
                ok = s.Peek() == (byte)'[' && s.TryReadComposite(out asks);
                snapshotKeys += name.Length == 2 ? 1 : 0;
                updateKeys += name.Length == 1 ? 1 : 0;
            }
            else if (name.SequenceEqual("bs"u8) || name.SequenceEqual("b"u8))
            {
                ok = s.Peek() == (byte)'[' && s.TryReadComposite(out bids);
                snapshotKeys += name.Length == 2 ? 1 : 0;
                updateKeys += name.Length == 1 ? 1 : 0;
            }
            else if (name.SequenceEqual("c"u8))
            {
                ok = s.TryReadInt64Text(out checksum) && checksum >= 0 && checksum <= uint.MaxValue;
                hasChecksum = true;
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

        if (step != JsonStep.End || (snapshotKeys > 0) == (updateKeys > 0))
        {
            return false;
        }

        data = new KrakenBookData(snapshotKeys > 0, asks, bids, hasChecksum, (uint)checksum);
        return true;
    }

    /// <summary>
    /// Reads the next level <c>[price, volume, timestamp(, "r")]</c> of a level array (after its '[' was
    /// consumed). <paramref name="republish"/> marks a level re-sent because it came back into range.
    /// </summary>
    public static JsonStep NextLevel(scoped ref JsonScanner s, ref int index, out ReadOnlySpan<byte> price, out ReadOnlySpan<byte> volume, out bool republish)
    {
        price = default;
        volume = default;
        republish = false;
        var step = s.NextElement(ref index);
        if (step != JsonStep.Item)
        {
            return step;
        }

        if (!s.TryConsume((byte)'[') || !s.TryReadString(out price) || !s.TryConsume((byte)',') || !s.TryReadString(out volume)
            || !s.TryConsume((byte)',') || !s.TryReadString(out _))
        {
            return JsonStep.Malformed;
        }

        if (s.TryConsume((byte)','))
        {
            if (!s.TryReadString(out var flag))
            {
                return JsonStep.Malformed;
            }

            republish = flag.SequenceEqual("r"u8);
        }

        return s.TryConsume((byte)']') ? JsonStep.Item : JsonStep.Malformed;
    }
}
