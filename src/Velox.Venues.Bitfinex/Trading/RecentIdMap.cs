using Velox.MarketData.Collections;

namespace Velox.Venues.Bitfinex.Trading;

/// <summary>
/// A preallocated map from recent 64-bit ids to an int that forgets the oldest id when full (insertion
/// order ring). Used for venue order id → OMS slot and for trade ids whose fee was accounted.
/// </summary>
internal sealed class RecentIdMap
{
    private readonly LongKeyMap _map;
    private readonly long[] _ring;
    private int _head;
    private int _count;

    public RecentIdMap(int capacity)
    {
        _map = new LongKeyMap(capacity);
        _ring = new long[capacity];
    }

    public bool TryGetValue(long id, out int value) => _map.TryGetValue(id, out value);

    /// <summary>Adds or replaces; forgets the oldest id when the map is full.</summary>
    public void Set(long id, int value)
    {
        if (_map.TryGetValue(id, out _))
        {
            _map.TrySet(id, value);
            return;
        }

        if (_count == _ring.Length)
        {
            _map.Remove(_ring[_head]);
            _head = (_head + 1) % _ring.Length;
            _count--;
        }

        _ring[(_head + _count) % _ring.Length] = id;
        _count++;
        _map.TrySet(id, value);
    }
}
