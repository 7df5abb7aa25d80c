namespace Velox.Simulator.Matching;

/// <summary>
/// The newest <c>capacity</c> entries of an account's history (closed orders, fills), preallocated so recording
/// allocates nothing; the oldest entry is forgotten when full, as a venue's history endpoints only reach back so far.
/// </summary>
internal sealed class HistoryRing<T>
    where T : struct
{
    private readonly T[] _items;
    private long _added;

    public HistoryRing(int capacity) => _items = new T[capacity];

    /// <summary>Entries held (at most the capacity).</summary>
    public int Count => (int)Math.Min(_added, _items.Length);

    /// <summary>Entry <paramref name="newest"/> counted back from the newest (0 = the newest).</summary>
    public ref readonly T FromNewest(int newest) => ref _items[(int)((_added - 1 - newest) % _items.Length)];

    public void Add(in T item)
    {
        _items[(int)(_added % _items.Length)] = item;
        _added++;
    }
}
