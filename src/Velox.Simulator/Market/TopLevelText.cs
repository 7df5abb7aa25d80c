using Velox.Core.Numerics;
using Velox.MarketData;

namespace Velox.Simulator.Market;

/// <summary>
/// The "price:amount" JavaScript text of a book side's best 25 levels, kept in step with the side so
/// a Bitfinex checksum costs one CRC pass instead of fifty number formats. Changes below the top 25
/// never touch it; changes inside shift at most 25 fixed-size slots.
/// </summary>
public sealed class TopLevelText
{
    /// <summary>Levels covered (the checksum depth).</summary>
    public const int Depth = 25;

    private const int SlotSize = 2 * (JsNumberFormat.MaxLength + 1);

    private readonly byte[] _slots = new byte[Depth * SlotSize];
    private readonly int[] _lengths = new int[Depth];
    private readonly int _priceScale;
    private readonly int _sizeScale;
    private readonly bool _negativeAmounts;

    /// <summary>Creates the cache for one side; asks print negative amounts.</summary>
    public TopLevelText(bool isBid, int priceScale, int sizeScale)
    {
        _negativeAmounts = !isBid;
        _priceScale = priceScale;
        _sizeScale = sizeScale;
    }

    /// <summary>The text of level <paramref name="index"/> (&lt; 25), e.g. "0.0000011:-4847.13".</summary>
    public ReadOnlySpan<byte> this[int index] => _slots.AsSpan(index * SlotSize, _lengths[index]);

    /// <summary>Level <paramref name="index"/> was inserted; <paramref name="levels"/> is the side after the insert.</summary>
    public void Inserted(int index, ReadOnlySpan<BookLevel> levels)
    {
        if (index >= Depth)
        {
            return;
        }

        var moved = Depth - 1 - index;
        Array.Copy(_slots, index * SlotSize, _slots, (index + 1) * SlotSize, moved * SlotSize);
        Array.Copy(_lengths, index, _lengths, index + 1, moved);
        Write(index, levels[index]);
    }

    /// <summary>Level <paramref name="index"/> changed size or count.</summary>
    public void Modified(int index, ReadOnlySpan<BookLevel> levels)
    {
        if (index < Depth)
        {
            Write(index, levels[index]);
        }
    }

    /// <summary>Level <paramref name="index"/> was removed; <paramref name="levels"/> is the side after the removal.</summary>
    public void Removed(int index, ReadOnlySpan<BookLevel> levels)
    {
        if (index >= Depth)
        {
            return;
        }

        var moved = Depth - 1 - index;
        Array.Copy(_slots, (index + 1) * SlotSize, _slots, index * SlotSize, moved * SlotSize);
        Array.Copy(_lengths, index + 1, _lengths, index, moved);
        if (levels.Length >= Depth)
        {
            Write(Depth - 1, levels[Depth - 1]);
        }
    }

    private void Write(int index, in BookLevel level)
    {
        var slot = _slots.AsSpan(index * SlotSize, SlotSize);
        JsNumberFormat.TryFormat(level.Price, _priceScale, slot, out var price);
        slot[price] = (byte)':';
        JsNumberFormat.TryFormat(_negativeAmounts ? -level.Size : level.Size, _sizeScale, slot[(price + 1)..], out var amount);
        _lengths[index] = price + 1 + amount;
    }
}
