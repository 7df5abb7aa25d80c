using System.Numerics;
using System.Runtime.CompilerServices;

namespace Velox.Logging.Ring;

/// <summary>
/// Bounded many-producer, one-consumer ring of preallocated <see cref="LogRecord"/> slots (Vyukov's bounded
/// queue). A slot's sequence word says whose turn it is: equal to the position when free for the producer
/// of that position, position + 1 once committed for the consumer, position + capacity after the consumer
/// copied it. Producers claim a position with one compare-and-swap on the tail; a full ring is reported,
/// never waited on. The consumer never sees a half-written record because it reads the fields only after
/// the committed sequence value.
/// </summary>
internal sealed class LogRing
{
    private readonly LogRecord[] _slots;
    private readonly long _mask;
    private PaddedLong _tail;
    private PaddedLong _dropped;
    private long _head;

    public LogRing(int capacity)
    {
        if (capacity < 2 || !BitOperations.IsPow2(capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "the log ring capacity is a power of two, at least 2");
        }

        _slots = new LogRecord[capacity];
        _mask = capacity - 1;
        for (var i = 0; i < capacity; i++)
        {
            _slots[i].Sequence = i;
        }
    }

    public int Capacity => _slots.Length;

    /// <summary>Records refused because the ring was full.</summary>
    public long Dropped => Volatile.Read(ref _dropped.Value);

    /// <summary>Positions claimed so far (committed or about to be).</summary>
    public long Claimed => Volatile.Read(ref _tail.Value);

    /// <summary>
    /// Claims the next slot for the caller to fill and <see cref="Commit"/>; a null ref when the ring is full
    /// (the drop is counted). Never blocks: a lost race moves on to the next position.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref LogRecord TryClaim(out long position)
    {
        var slots = _slots;
        // Acquire: start from the newest claim any producer has made.
        var pos = Volatile.Read(ref _tail.Value);
        while (true)
        {
            ref var slot = ref slots[pos & _mask];
            // Acquire: pairs with the consumer's release, so its copy of the old record is finished before we overwrite.
            var diff = Volatile.Read(ref slot.Sequence) - pos;
            if (diff == 0)
            {
                // The CAS is the claim: exactly one producer moves the tail past pos and owns the slot.
                var seen = Interlocked.CompareExchange(ref _tail.Value, pos + 1, pos);
                if (seen == pos)
                {
                    position = pos;
                    return ref slot;
                }

                pos = seen;
            }
            else if (diff < 0)
            {
                // The slot still holds the record from one lap ago: full.
                Interlocked.Increment(ref _dropped.Value);
                position = -1;
                return ref Unsafe.NullRef<LogRecord>();
            }
            else
            {
                // Another producer took pos after our read of the tail.
                pos = Volatile.Read(ref _tail.Value);
            }
        }
    }

    /// <summary>Publishes a slot claimed at <paramref name="position"/> to the consumer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Commit(ref LogRecord slot, long position) =>
        // Release: every field store into the slot is visible before the consumer sees it committed.
        Volatile.Write(ref slot.Sequence, position + 1);

    /// <summary>Consumer only: copies the next committed record out and frees its slot; false when none is ready.</summary>
    public bool TryRead(out LogRecord record)
    {
        var head = _head;
        ref var slot = ref _slots[head & _mask];
        // Acquire: pairs with Commit's release, so the fields copied below are the producer's complete record.
        if (Volatile.Read(ref slot.Sequence) != head + 1)
        {
            record = default;
            return false;
        }

        record = slot;
        // Release: the copy is finished before a producer one lap ahead may claim and overwrite the slot.
        Volatile.Write(ref slot.Sequence, head + _slots.Length);
        _head = head + 1;
        return true;
    }
}
