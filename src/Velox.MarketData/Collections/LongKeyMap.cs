using System.Numerics;
using System.Runtime.CompilerServices;

namespace Velox.MarketData.Collections;

/// <summary>
/// Preallocated open-addressing map from a 64-bit key (order id, channel id) to a non-negative int
/// value. Linear probing with backward-shift deletion, so there are no tombstones and lookups stay
/// short; never allocates after construction. Iteration order is not exposed (determinism).
/// </summary>
public sealed class LongKeyMap
{
    private const int Empty = -1;

    private readonly long[] _keys;
    private readonly int[] _values;
    private readonly int _mask;
    private readonly int _maxCount;
    private int _count;

    /// <summary>Creates a map that holds up to <paramref name="maxCount"/> entries (table at most half full).</summary>
    public LongKeyMap(int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)maxCount * 2);
        _keys = new long[size];
        _values = new int[size];
        _values.AsSpan().Fill(Empty);
        _mask = size - 1;
        _maxCount = maxCount;
    }

    /// <summary>Entries held.</summary>
    public int Count => _count;

    /// <summary>Most entries the map accepts.</summary>
    public int MaxCount => _maxCount;

    /// <summary>Finds the value stored for <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(long key, out int value)
    {
        var i = Slot(key);
        while (true)
        {
            var v = _values[i];
            if (v == Empty)
            {
                value = 0;
                return false;
            }

            if (_keys[i] == key)
            {
                value = v;
                return true;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>Adds or replaces; false when the key is new and the map is full.</summary>
    public bool TrySet(long key, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var i = Slot(key);
        while (_values[i] != Empty)
        {
            if (_keys[i] == key)
            {
                _values[i] = value;
                return true;
            }

            i = (i + 1) & _mask;
        }

        if (_count == _maxCount)
        {
            return false;
        }

        _keys[i] = key;
        _values[i] = value;
        _count++;
        return true;
    }

    /// <summary>Removes <paramref name="key"/>; false when absent.</summary>
    public bool Remove(long key)
    {
        var i = Slot(key);
        while (true)
        {
            if (_values[i] == Empty)
            {
                return false;
            }

            if (_keys[i] == key)
            {
                break;
            }

            i = (i + 1) & _mask;
        }

        // Backward-shift: pull later entries of the probe run into the hole so no tombstone is needed.
        var hole = i;
        var j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            if (_values[j] == Empty)
            {
                break;
            }

            var home = Slot(_keys[j]);
            var distanceFromHome = (j - home) & _mask;
            var distanceToHole = (j - hole) & _mask;
            if (distanceFromHome >= distanceToHole)
            {
                _keys[hole] = _keys[j];
                _values[hole] = _values[j];
                hole = j;
            }
        }

        _values[hole] = Empty;
        _count--;
        return true;
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        _values.AsSpan().Fill(Empty);
        _count = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32) & _mask;
}
