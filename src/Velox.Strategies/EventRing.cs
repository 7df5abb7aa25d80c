namespace Velox.Strategies;

/// <summary>
/// A preallocated first-in first-out ring of records (decisions, strategy events) that the hot path writes
/// and a host drains off-path for logging. When full, the oldest record is overwritten and counted in
/// <see cref="Overwritten"/>, so writing never blocks or allocates. Single-threaded.
/// </summary>
public sealed class EventRing<T>
    where T : struct
{
    private readonly T[] _items;
    private long _head;
    private long _tail;

    /// <summary>Creates a ring holding the last <paramref name="capacity"/> records.</summary>
    public EventRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    /// <summary>Records not yet read.</summary>
    public int Count => (int)(_tail - _head);

    /// <summary>Records written in total.</summary>
    public long Written => _tail;

    /// <summary>Records lost because the ring was full before they were read.</summary>
    public long Overwritten { get; private set; }

    /// <summary>Appends a record, overwriting the oldest unread one when full.</summary>
    public void Add(in T item)
    {
        if (_tail - _head == _items.Length)
        {
            _head++;
            Overwritten++;
        }

        _items[_tail % _items.Length] = item;
        _tail++;
    }

    /// <summary>Takes the oldest unread record.</summary>
    public bool TryRead(out T item)
    {
        if (_head == _tail)
        {
            item = default;
            return false;
        }

        item = _items[_head % _items.Length];
        _head++;
        return true;
    }

}
