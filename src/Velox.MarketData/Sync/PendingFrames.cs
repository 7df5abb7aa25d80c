namespace Velox.MarketData.Sync;

/// <summary>
/// Preallocated FIFO of raw frames held while a book waits for its REST snapshot (the venue's
/// "buffer the stream, then fetch the snapshot" rule). When full it starts over with the newest frame:
/// the bridge check then decides whether the snapshot still connects. Single-threaded.
/// </summary>
public sealed class PendingFrames
{
    private readonly byte[] _bytes;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly long[] _receiveNanos;
    private int _used;
    private int _count;

    /// <summary>Holds up to <paramref name="maxFrames"/> frames totalling <paramref name="capacityBytes"/> bytes.</summary>
    public PendingFrames(int capacityBytes, int maxFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, 1);
        _bytes = new byte[capacityBytes];
        _starts = new int[maxFrames];
        _lengths = new int[maxFrames];
        _receiveNanos = new long[maxFrames];
    }

    /// <summary>Frames held.</summary>
    public int Count => _count;

    /// <summary>Times the buffer was full and older frames were dropped.</summary>
    public long Overflows { get; private set; }

    /// <summary>Frame <paramref name="index"/> (0 = oldest); valid until the buffer changes.</summary>
    public ReadOnlySpan<byte> Frame(int index) => _bytes.AsSpan(_starts[index], _lengths[index]);

    /// <summary>Receive time of frame <paramref name="index"/>.</summary>
    public long ReceiveNanos(int index) => _receiveNanos[index];

    /// <summary>Appends a copy of <paramref name="frame"/>; false when it is larger than the whole buffer.</summary>
    public bool Add(ReadOnlySpan<byte> frame, long receiveNanos)
    {
        if (frame.Length > _bytes.Length)
        {
            Overflows++;
            Clear();
            return false;
        }

        if (_count == _starts.Length || _used + frame.Length > _bytes.Length)
        {
            Overflows++;
            Clear();
        }

        frame.CopyTo(_bytes.AsSpan(_used));
        _starts[_count] = _used;
        _lengths[_count] = frame.Length;
        _receiveNanos[_count] = receiveNanos;
        _used += frame.Length;
        _count++;
        return true;
    }

    /// <summary>Drops the oldest <paramref name="n"/> frames, keeping the rest in order.</summary>
    public void RemoveFirst(int n)
    {
        if (n >= _count)
        {
            Clear();
            return;
        }

        if (n <= 0)
        {
            return;
        }

        var shift = _starts[n];
        Array.Copy(_bytes, shift, _bytes, 0, _used - shift);
        for (var i = n; i < _count; i++)
        {
            _starts[i - n] = _starts[i] - shift;
            _lengths[i - n] = _lengths[i];
            _receiveNanos[i - n] = _receiveNanos[i];
        }

        _count -= n;
        _used -= shift;
    }

    /// <summary>Drops every frame.</summary>
    public void Clear()
    {
        _count = 0;
        _used = 0;
    }
}
