using Velox.MarketData;

namespace Velox.Simulator.Market;

/// <summary>
/// One side of the exchange's aggregated book, best level first, in fixed point. Preallocated to a
/// fixed capacity; inserts and deletes shift in place so nothing allocates per update.
/// </summary>
public sealed class ExchangeBookSide
{
    private readonly BookLevel[] _levels;

    /// <summary>Creates an empty side; bids sort by descending price, asks by ascending.</summary>
    public ExchangeBookSide(bool isBid, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        IsBid = isBid;
        _levels = new BookLevel[capacity];
    }

    /// <summary>True for the bid side (best = highest price).</summary>
    public bool IsBid { get; }

    /// <summary>Number of levels present.</summary>
    public int Depth { get; private set; }

    /// <summary>Maximum number of levels the side holds.</summary>
    public int Capacity => _levels.Length;

    /// <summary>The levels present, best first.</summary>
    public ReadOnlySpan<BookLevel> Levels => _levels.AsSpan(0, Depth);

    /// <summary>The level at <paramref name="index"/> (0 = best).</summary>
    public ref readonly BookLevel this[int index] => ref _levels[index];

    /// <summary>True when <paramref name="a"/> is a better price than <paramref name="b"/> on this side.</summary>
    public bool IsBetter(long a, long b) => IsBid ? a > b : a < b;

    /// <summary>Index where a level at <paramref name="price"/> is or would be inserted; found says which.</summary>
    public int Find(long price, out bool found)
    {
        var lo = 0;
        var hi = Depth - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var p = _levels[mid].Price;
            if (p == price)
            {
                found = true;
                return mid;
            }

            if (IsBetter(p, price))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        found = false;
        return lo;
    }

    /// <summary>Inserts a new level at its sorted place; returns its index, or -1 when full or present.</summary>
    public int Insert(in BookLevel level)
    {
        var index = Find(level.Price, out var found);
        if (found || Depth == _levels.Length)
        {
            return -1;
        }

        Array.Copy(_levels, index, _levels, index + 1, Depth - index);
        _levels[index] = level;
        Depth++;
        return index;
    }

    /// <summary>Replaces size and count of the level at <paramref name="index"/>.</summary>
    public void Modify(int index, long size, int count)
    {
        _levels[index].Size = size;
        _levels[index].Count = count;
    }

    /// <summary>Removes the level at <paramref name="index"/> and returns it.</summary>
    public BookLevel RemoveAt(int index)
    {
        var removed = _levels[index];
        Depth--;
        Array.Copy(_levels, index + 1, _levels, index, Depth - index);
        return removed;
    }

    /// <summary>Moves every level's price by <paramref name="delta"/> (order is kept).</summary>
    public void Shift(long delta)
    {
        for (var i = 0; i < Depth; i++)
        {
            _levels[i].Price += delta;
        }
    }
}
