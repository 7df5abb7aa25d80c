using System.Runtime.CompilerServices;

namespace Velox.MarketData.Books;

/// <summary>
/// One side of an aggregated book as a sorted array with the best level at the END, so that the
/// common near-top inserts and deletes shift only a few elements. Capacity is fixed at construction;
/// beyond it the worst level (index 0) is dropped.
/// </summary>
public sealed class L2BookSide
{
    private readonly BookLevel[] _levels;

    // +1 for bids (ascending prices, highest last), -1 for asks (descending prices, lowest last).
    private readonly long _direction;
    private int _count;

    /// <summary>Creates a side holding at most <paramref name="maxLevels"/> levels.</summary>
    public L2BookSide(bool isBid, int maxLevels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLevels, 1);
        _levels = new BookLevel[maxLevels];
        _direction = isBid ? 1 : -1;
    }

    /// <summary>Number of levels held.</summary>
    public int Count => _count;

    /// <summary>Most levels this side keeps (the depth limit).</summary>
    public int MaxLevels => _levels.Length;

    /// <summary>True for the bid side.</summary>
    public bool IsBid => _direction > 0;

    /// <summary>The best level; only valid when <see cref="Count"/> &gt; 0.</summary>
    public ref readonly BookLevel Best => ref _levels[_count - 1];

    /// <summary>The level <paramref name="depth"/> steps from the top (0 = best); caller checks the range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly BookLevel AtDepth(int depth) => ref _levels[_count - 1 - depth];

    /// <summary>Sets the level at <paramref name="price"/> (insert or replace).</summary>
    public BookChange Set(long price, long size, int count)
    {
        var index = Find(price);
        if (index >= 0)
        {
            ref var level = ref _levels[index];
            level.Size = size;
            level.Count = count;
            return BookChange.Updated;
        }

        // Insertion point: levels [insertAt, _count) are better than the new price and move up one.
        var insertAt = ~index;
        if (_count == _levels.Length)
        {
            if (insertAt == 0)
            {
                return BookChange.DroppedBeyondDepth;
            }

            // Full: drop the worst (index 0) by shifting the worse part down instead.
            Array.Copy(_levels, 1, _levels, 0, insertAt - 1);
            _levels[insertAt - 1] = new BookLevel(price, size, count);
            return BookChange.Inserted;
        }

        if (insertAt < _count)
        {
            Array.Copy(_levels, insertAt, _levels, insertAt + 1, _count - insertAt);
        }

        _levels[insertAt] = new BookLevel(price, size, count);
        _count++;
        return BookChange.Inserted;
    }

    /// <summary>Removes the level at <paramref name="price"/>.</summary>
    public BookChange Delete(long price)
    {
        var index = Find(price);
        if (index < 0)
        {
            return BookChange.DeleteMissing;
        }

        _count--;
        if (index < _count)
        {
            Array.Copy(_levels, index + 1, _levels, index, _count - index);
        }

        return BookChange.Deleted;
    }

    /// <summary>True and the level when <paramref name="price"/> is held.</summary>
    public bool TryGet(long price, out BookLevel level)
    {
        var index = Find(price);
        if (index < 0)
        {
            level = default;
            return false;
        }

        level = _levels[index];
        return true;
    }

    /// <summary>Copies up to destination.Length levels best first; returns how many were written.</summary>
    public int CopyBestFirst(Span<BookLevel> destination)
    {
        var n = Math.Min(destination.Length, _count);
        for (var i = 0; i < n; i++)
        {
            destination[i] = _levels[_count - 1 - i];
        }

        return n;
    }

    /// <summary>Removes every level.</summary>
    public void Clear() => _count = 0;

    /// <summary>Binary search: index of the price, or the bitwise complement of its insertion point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(long price)
    {
        var key = price * _direction;
        var lo = 0;
        var hi = _count - 1;

        // Most updates touch the top few levels: check the best level before searching.
        if (hi >= 0)
        {
            var top = _levels[hi].Price * _direction;
            if (key > top)
            {
                return ~_count;
            }

            if (key == top)
            {
                return hi;
            }

            hi--;
        }

        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var midKey = _levels[mid].Price * _direction;
            if (midKey == key)
            {
                return mid;
            }

            if (midKey < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
