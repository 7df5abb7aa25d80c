using Velox.Core.Instruments;
using Velox.MarketData.Collections;

namespace Velox.Trading.Oms;

/// <summary>
/// The most recent N fill ids, for de-duplication; preallocated, evicts the oldest when full.
/// Keys are (fill id &lt;&lt; 16 | instrument) — exact for fill ids below 2^47 (venue trade ids are far
/// below); larger ids (hashed text ids) are mixed in, where a collision needs a 64-bit hash clash.
/// </summary>
public sealed class FillIdSet
{
    private const long ExactLimit = 1L << 47;

    private readonly LongKeyMap _map;
    private readonly long[] _ring;
    private int _head;
    private int _count;

    /// <summary>Creates a set remembering up to <paramref name="capacity"/> fill ids.</summary>
    public FillIdSet(int capacity)
    {
        _map = new LongKeyMap(capacity);
        _ring = new long[capacity];
    }

    /// <summary>Fill ids currently remembered.</summary>
    public int Count => _count;

    /// <summary>True when this fill was already added.</summary>
    public bool Contains(InstrumentId instrument, long fillId) => _map.TryGetValue(Key(instrument, fillId), out _);

    /// <summary>Remembers a fill id (evicting the oldest when full); false if it was already there.</summary>
    public bool Add(InstrumentId instrument, long fillId)
    {
        var key = Key(instrument, fillId);
        if (_map.TryGetValue(key, out _))
        {
            return false;
        }

        if (_count == _ring.Length)
        {
            _map.Remove(_ring[_head]);
            _head = (_head + 1) % _ring.Length;
            _count--;
        }

        var tail = (_head + _count) % _ring.Length;
        _ring[tail] = key;
        _map.TrySet(key, tail);
        _count++;
        return true;
    }

    private static long Key(InstrumentId instrument, long fillId) =>
        (ulong)fillId < ExactLimit
            ? (fillId << 16) | instrument.Value
            : (long)(((ulong)fillId * 0x9E37_79B9_7F4A_7C15UL) ^ ((ulong)instrument.Value << 47) | 0x8000_0000_0000_0000UL);
}
