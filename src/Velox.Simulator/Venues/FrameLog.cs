namespace Velox.Simulator.Venues;

/// <summary>
/// The exchange's outbound frames in publication order, shared by every connection of a venue: a ring
/// of the latest <see cref="Capacity"/> frames, each tagged with its instrument, stream and update ids.
/// Each connection reads from its own position; one that falls a whole ring behind is too slow and is
/// told so (the venue would drop it). Slot buffers grow to the largest frame seen, then stay. Callers
/// hold the exchange lock.
/// </summary>
internal sealed class FrameLog
{
    private readonly byte[][] _frames;
    private readonly int[] _lengths;
    private readonly Entry[] _entries;

    public FrameLog(int capacity)
    {
        Capacity = capacity;
        _frames = new byte[capacity][];
        _lengths = new int[capacity];
        _entries = new Entry[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _frames[i] = new byte[1024];
        }
    }

    /// <summary>Frames kept.</summary>
    public int Capacity { get; }

    /// <summary>Position the next frame gets (frames ever appended).</summary>
    public long Head { get; private set; }

    public void Append(int instrument, VenueStream stream, long firstId, long lastId, ReadOnlySpan<byte> frame)
    {
        var slot = (int)(Head % Capacity);
        if (_frames[slot].Length < frame.Length)
        {
            _frames[slot] = new byte[Math.Max(frame.Length, _frames[slot].Length * 2)];
        }

        frame.CopyTo(_frames[slot]);
        _lengths[slot] = frame.Length;
        _entries[slot] = new Entry(instrument, stream, firstId, lastId);
        Head++;
    }

    /// <summary>True when the frame at <paramref name="position"/> is still held.</summary>
    public bool Holds(long position) => position < Head && position >= Head - Capacity;

    /// <summary>The frame at <paramref name="position"/> (check <see cref="Holds"/> first); valid until the next append.</summary>
    public ReadOnlySpan<byte> Frame(long position, out Entry entry)
    {
        var slot = (int)(position % Capacity);
        entry = _entries[slot];
        return _frames[slot].AsSpan(0, _lengths[slot]);
    }

    /// <summary>What a logged frame is about.</summary>
    internal readonly record struct Entry(int Instrument, VenueStream Stream, long FirstId, long LastId);
}
