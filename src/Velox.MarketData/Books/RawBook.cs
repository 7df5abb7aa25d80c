using Velox.Core;
using Velox.Core.Instruments;

namespace Velox.MarketData.Books;

/// <summary>
/// Order-level (raw) book keyed by order id, e.g. Bitfinex R0 <c>[orderId, price, amount]</c>.
/// Orders are kept in preallocated slots indexed by a <see cref="Collections.LongKeyMap"/>, and an
/// aggregated <see cref="L2Book"/> (size = sum of order sizes, count = orders) is maintained beside
/// it so top of book stays O(1).
/// </summary>
public sealed class RawBook
{
    private readonly Collections.LongKeyMap _index;
    private readonly long[] _prices;
    private readonly long[] _sizes;
    private readonly Side[] _sides;
    private readonly int[] _freeSlots;
    private int _freeCount;

    /// <summary>Creates a raw book for at most <paramref name="maxOrders"/> live orders.</summary>
    public RawBook(InstrumentId instrument, int maxOrders)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOrders, 1);
        _index = new Collections.LongKeyMap(maxOrders);
        _prices = new long[maxOrders];
        _sizes = new long[maxOrders];
        _sides = new Side[maxOrders];
        _freeSlots = new int[maxOrders];
        Levels = new L2Book(instrument, maxOrders);
        Reset();
    }

    /// <summary>The aggregated view (price levels) of the orders held.</summary>
    public L2Book Levels { get; }

    /// <summary>Live orders held.</summary>
    public int OrderCount => _index.Count;

    /// <summary>
    /// Applies an order change: a zero price removes the order, otherwise the order is added or
    /// replaced. A positive amount is a bid, a negative one an ask.
    /// </summary>
    public RawBookChange Apply(long orderId, long price, long amount)
    {
        if (price == 0)
        {
            return Remove(orderId);
        }

        var side = amount >= 0 ? Side.Bid : Side.Ask;
        var size = amount >= 0 ? amount : -amount;
        if (_index.TryGetValue(orderId, out var slot))
        {
            Unaggregate(slot);
            Store(slot, side, price, size);
            return RawBookChange.Modified;
        }

        if (_freeCount == 0)
        {
            return RawBookChange.Full;
        }

        slot = _freeSlots[--_freeCount];
        _index.TrySet(orderId, slot);
        Store(slot, side, price, size);
        return RawBookChange.Added;
    }

    /// <summary>Finds an order.</summary>
    public bool TryGetOrder(long orderId, out Side side, out long price, out long size)
    {
        if (_index.TryGetValue(orderId, out var slot))
        {
            side = _sides[slot];
            price = _prices[slot];
            size = _sizes[slot];
            return true;
        }

        side = default;
        price = 0;
        size = 0;
        return false;
    }

    /// <summary>Removes every order.</summary>
    public void Clear() => Reset();

    private RawBookChange Remove(long orderId)
    {
        if (!_index.TryGetValue(orderId, out var slot))
        {
            return RawBookChange.RemoveMissing;
        }

        Unaggregate(slot);
        _index.Remove(orderId);
        _freeSlots[_freeCount++] = slot;
        return RawBookChange.Removed;
    }

    private void Store(int slot, Side side, long price, long size)
    {
        _sides[slot] = side;
        _prices[slot] = price;
        _sizes[slot] = size;
        var bookSide = Levels[side];
        bookSide.TryGet(price, out var level);
        bookSide.Set(price, level.Size + size, level.Count + 1);
    }

    private void Unaggregate(int slot)
    {
        var bookSide = Levels[_sides[slot]];
        var price = _prices[slot];
        if (!bookSide.TryGet(price, out var level))
        {
            return;
        }

        if (level.Count <= 1)
        {
            bookSide.Delete(price);
        }
        else
        {
            bookSide.Set(price, level.Size - _sizes[slot], level.Count - 1);
        }
    }

    private void Reset()
    {
        _index.Clear();
        Levels.Clear();
        _freeCount = _freeSlots.Length;
        for (var i = 0; i < _freeSlots.Length; i++)
        {
            // Highest slot first on the stack so slots are handed out 0, 1, 2, ... (deterministic).
            _freeSlots[i] = _freeSlots.Length - 1 - i;
        }
    }
}
