using Velox.Core;
using Velox.Core.Instruments;
using Velox.MarketData.Collections;

namespace Velox.MarketData.Books;

/// <summary>
/// An <see cref="L2Book"/> that also keeps, per level, the price and size text exactly as the venue
/// sent it. OKX and Kraken checksum over that text (trailing zeros included), which fixed point
/// cannot reproduce in general. Texts live in preallocated slots found by price; nothing allocates
/// after construction.
/// </summary>
public sealed class WireTextBook
{
    /// <summary>Longest price or size text a level keeps.</summary>
    public const int MaxTextLength = 30;

    private const int SlotSize = 32;

    private readonly TextSide _bids;
    private readonly TextSide _asks;

    /// <summary>Creates an empty book keeping at most <paramref name="maxLevelsPerSide"/> levels per side.</summary>
    public WireTextBook(InstrumentId instrument, int maxLevelsPerSide)
    {
        Levels = new L2Book(instrument, maxLevelsPerSide);
        _bids = new TextSide(maxLevelsPerSide);
        _asks = new TextSide(maxLevelsPerSide);
    }

    /// <summary>The levels in fixed point.</summary>
    public L2Book Levels { get; }

    /// <summary>The instrument this book belongs to.</summary>
    public InstrumentId Instrument => Levels.Instrument;

    /// <summary>
    /// Sets a level (a zero size deletes) and remembers its wire text. False, with the book unchanged,
    /// when a text is longer than <see cref="MaxTextLength"/>.
    /// </summary>
    public bool TryApply(Side side, long price, long size, int count, ReadOnlySpan<byte> priceText, ReadOnlySpan<byte> sizeText, out BookChange change)
    {
        if (priceText.Length > MaxTextLength || sizeText.Length > MaxTextLength)
        {
            change = BookChange.DeleteMissing;
            return false;
        }

        var levels = Levels[side];
        var texts = side == Side.Bid ? _bids : _asks;
        if (size == 0)
        {
            change = levels.Delete(price);
            if (change == BookChange.Deleted)
            {
                texts.Remove(price);
            }

            return true;
        }

        // A full side drops its worst level to make room; its text must go with it.
        var full = levels.Count == levels.MaxLevels;
        var worst = full ? levels.AtDepth(levels.Count - 1).Price : 0;
        change = levels.Set(price, size, count);
        if (change == BookChange.Inserted && full)
        {
            texts.Remove(worst);
        }

        if (change <= BookChange.Updated)
        {
            texts.Store(price, priceText, sizeText);
        }

        return true;
    }

    /// <summary>The wire text of the level at <paramref name="price"/>.</summary>
    public bool TryGetText(Side side, long price, out ReadOnlySpan<byte> priceText, out ReadOnlySpan<byte> sizeText) =>
        (side == Side.Bid ? _bids : _asks).TryGet(price, out priceText, out sizeText);

    /// <summary>Removes the worst levels of each side until at most <paramref name="depth"/> remain.</summary>
    public void TruncateTo(int depth)
    {
        Truncate(Levels.Bids, _bids, depth);
        Truncate(Levels.Asks, _asks, depth);
    }

    /// <summary>Empties both sides.</summary>
    public void Clear()
    {
        Levels.Clear();
        _bids.Clear();
        _asks.Clear();
    }

    private static void Truncate(L2BookSide levels, TextSide texts, int depth)
    {
        while (levels.Count > depth)
        {
            var worst = levels.AtDepth(levels.Count - 1).Price;
            levels.Delete(worst);
            texts.Remove(worst);
        }
    }

    /// <summary>Price → text slot map plus the slot storage of one side.</summary>
    private sealed class TextSide
    {
        private readonly LongKeyMap _slots;
        private readonly byte[] _text;
        private readonly byte[] _lengths;
        private readonly int[] _free;
        private int _freeCount;

        public TextSide(int capacity)
        {
            _slots = new LongKeyMap(capacity);
            _text = new byte[capacity * 2 * SlotSize];
            _lengths = new byte[capacity * 2];
            _free = new int[capacity];
            Clear();
        }

        public void Store(long price, ReadOnlySpan<byte> priceText, ReadOnlySpan<byte> sizeText)
        {
            if (!_slots.TryGetValue(price, out var slot))
            {
                slot = _free[--_freeCount];
                _slots.TrySet(price, slot);
            }

            priceText.CopyTo(_text.AsSpan(slot * 2 * SlotSize));
            sizeText.CopyTo(_text.AsSpan(((slot * 2) + 1) * SlotSize));
            _lengths[slot * 2] = (byte)priceText.Length;
            _lengths[(slot * 2) + 1] = (byte)sizeText.Length;
        }

        public void Remove(long price)
        {
            if (_slots.TryGetValue(price, out var slot))
            {
                _slots.Remove(price);
                _free[_freeCount++] = slot;
            }
        }

        public bool TryGet(long price, out ReadOnlySpan<byte> priceText, out ReadOnlySpan<byte> sizeText)
        {
            if (!_slots.TryGetValue(price, out var slot))
            {
                priceText = default;
                sizeText = default;
                return false;
            }

            priceText = _text.AsSpan(slot * 2 * SlotSize, _lengths[slot * 2]);
            sizeText = _text.AsSpan(((slot * 2) + 1) * SlotSize, _lengths[(slot * 2) + 1]);
            return true;
        }

        public void Clear()
        {
            _slots.Clear();
            _freeCount = _free.Length;
            for (var i = 0; i < _free.Length; i++)
            {
                // Slots are handed out 0, 1, 2, ... after a clear (deterministic layout).
                _free[i] = _free.Length - 1 - i;
            }
        }
    }
}
