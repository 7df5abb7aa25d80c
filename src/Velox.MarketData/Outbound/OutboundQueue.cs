namespace Velox.MarketData.Outbound;

/// <summary>
/// Preallocated FIFO of outbound messages (subscribe, unsubscribe, pong) that a venue session produces
/// for its transport to send. Single-threaded: fill and drain on the session's thread.
/// </summary>
public sealed class OutboundQueue
{
    private readonly byte[] _buffer;
    private readonly int[] _lengths;
    private readonly int _slotSize;
    private long _head;
    private long _tail;

    /// <summary>Creates a queue of <paramref name="slots"/> messages of at most <paramref name="slotSize"/> bytes.</summary>
    public OutboundQueue(int slots, int slotSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotSize, 16);
        _buffer = new byte[slots * slotSize];
        _lengths = new int[slots];
        _slotSize = slotSize;
    }

    /// <summary>Messages waiting.</summary>
    public int Count => (int)(_tail - _head);

    /// <summary>Capacity in messages.</summary>
    public int Capacity => _lengths.Length;

    /// <summary>Largest message a slot holds.</summary>
    public int SlotSize => _slotSize;

    /// <summary>The writable slot for the next message; commit it with <see cref="Commit"/>. Empty when full.</summary>
    public Span<byte> BeginWrite() =>
        Count == Capacity ? Span<byte>.Empty : _buffer.AsSpan(SlotIndex(_tail) * _slotSize, _slotSize);

    /// <summary>Publishes the message written into the slot from <see cref="BeginWrite"/>.</summary>
    public void Commit(int length)
    {
        _lengths[SlotIndex(_tail)] = length;
        _tail++;
    }

    /// <summary>The oldest message without removing it.</summary>
    public bool TryPeek(out ReadOnlySpan<byte> message)
    {
        if (_head == _tail)
        {
            message = default;
            return false;
        }

        var slot = SlotIndex(_head);
        message = _buffer.AsSpan(slot * _slotSize, _lengths[slot]);
        return true;
    }

    /// <summary>Removes the oldest message (after it was sent).</summary>
    public void Advance()
    {
        if (_head != _tail)
        {
            _head++;
        }
    }

    /// <summary>Drops every pending message (e.g. on reconnect).</summary>
    public void Clear() => _head = _tail;

    private int SlotIndex(long sequence) => (int)(sequence % _lengths.Length);
}
