using System.Numerics;
using System.Runtime.CompilerServices;

namespace Velox.MarketData.Collections;

/// <summary>
/// Preallocated map from short UTF-8 keys (venue symbols, topics) to dense indices 0..Count-1 in
/// insertion order. Keys are added on the cold path (subscribe); lookups hash the wire bytes (FNV-1a)
/// and compare them in place, so the hot path never builds a string.
/// </summary>
public sealed class Utf8KeyMap
{
    private readonly byte[][] _keys;
    private readonly ulong[] _hashes;
    private readonly int[] _slots;
    private readonly int _mask;
    private int _count;

    /// <summary>Creates a map for up to <paramref name="maxCount"/> keys.</summary>
    public Utf8KeyMap(int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)maxCount * 2);
        _keys = new byte[maxCount][];
        _hashes = new ulong[maxCount];
        _slots = new int[size];
        _slots.AsSpan().Fill(-1);
        _mask = size - 1;
    }

    /// <summary>Keys held.</summary>
    public int Count => _count;

    /// <summary>Most keys the map accepts.</summary>
    public int MaxCount => _keys.Length;

    /// <summary>The key stored at <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> KeyAt(int index) => _keys[index];

    /// <summary>Finds the index of <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetIndex(ReadOnlySpan<byte> key, out int index)
    {
        var hash = Hash(key);
        var slot = (int)hash & _mask;
        while (true)
        {
            var candidate = _slots[slot];
            if (candidate < 0)
            {
                index = -1;
                return false;
            }

            if (_hashes[candidate] == hash && key.SequenceEqual(_keys[candidate]))
            {
                index = candidate;
                return true;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Adds <paramref name="key"/> (or finds it); false when the map is full.</summary>
    public bool TryAdd(ReadOnlySpan<byte> key, out int index)
    {
        if (TryGetIndex(key, out index))
        {
            return true;
        }

        if (_count == _keys.Length)
        {
            return false;
        }

        var hash = Hash(key);
        var slot = (int)hash & _mask;
        while (_slots[slot] >= 0)
        {
            slot = (slot + 1) & _mask;
        }

        index = _count++;
        _keys[index] = key.ToArray();
        _hashes[index] = hash;
        _slots[slot] = index;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(ReadOnlySpan<byte> key)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in key)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        // Fold the high bits in: the table index uses only the low ones.
        return hash ^ (hash >> 32);
    }
}
