namespace Velox.MarketData.Capture;

/// <summary>
/// Streams a byte source as segments split on a delimiter ("\n" or ";;") without building the whole
/// file in memory. A returned segment is valid until the next call.
/// </summary>
internal sealed class SegmentReader : IDisposable
{
    private const int InitialBuffer = 1 << 16;

    private readonly Stream _stream;
    private byte[] _delimiter;
    private byte[] _buffer = new byte[InitialBuffer];
    private int _start;
    private int _end;
    private bool _eof;

    public SegmentReader(Stream stream, byte[] delimiter)
    {
        _stream = stream;
        _delimiter = delimiter;
    }

    /// <summary>Bytes read ahead but not yet returned (fills the buffer once if empty).</summary>
    public ReadOnlySpan<byte> Peek()
    {
        if (_start == _end && !_eof)
        {
            Fill();
        }

        return _buffer.AsSpan(_start, _end - _start);
    }

    public void SetDelimiter(byte[] delimiter) => _delimiter = delimiter;

    public bool TryRead(out ReadOnlyMemory<byte> segment)
    {
        var searchFrom = _start;
        while (true)
        {
            var found = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf(_delimiter);
            if (found >= 0)
            {
                var stop = searchFrom + found;
                segment = _buffer.AsMemory(_start, stop - _start);
                _start = stop + _delimiter.Length;
                return true;
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    segment = _buffer.AsMemory(_start, _end - _start);
                    _start = _end;
                    return true;
                }

                segment = default;
                return false;
            }

            // Resume the search where a delimiter could still start (it may straddle reads).
            var resume = Math.Max(_start, _end - (_delimiter.Length - 1));
            var shift = _start;
            Fill();
            searchFrom = resume - shift;
        }
    }

    public void Dispose() => _stream.Dispose();

    private void Fill()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}
