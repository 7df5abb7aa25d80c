namespace Velox.Simulator.Bitfinex;

/// <summary>
/// The sink of a session on a shared market: any connection's thread may render frames into it (under the
/// market's gate), and only the owning connection's thread sends them on (<see cref="Flush"/>), so a stalled
/// connection really holds its frames and a socket is only ever written by its own thread.
/// </summary>
internal sealed class SharedFrameBuffer : IFrameSink
{
    private readonly IFrameSink _transport;
    private readonly Lock _gate;
    private Frames _pending = new();
    private Frames _sending = new();

    public SharedFrameBuffer(IFrameSink transport, Lock gate)
    {
        _transport = transport;
        _gate = gate;
    }

    /// <summary>Queues one text frame (caller holds the gate).</summary>
    public void Send(ReadOnlySpan<byte> utf8Frame) => _pending.Add(utf8Frame, binary: false);

    /// <summary>Queues one binary frame (caller holds the gate).</summary>
    public void SendBinary(ReadOnlySpan<byte> frame) => _pending.Add(frame, binary: true);

    /// <summary>Ends the transport (caller holds the gate, on the owning thread): an abrupt end drops what is queued, a clean one sends it first.</summary>
    public void Close(bool abrupt)
    {
        if (!abrupt)
        {
            _pending.SendTo(_transport);
        }

        _pending.Clear();
        _transport.Close(abrupt);
    }

    /// <summary>Sends every queued frame on the owning thread, outside the gate; returns how many.</summary>
    public int Flush()
    {
        lock (_gate)
        {
            (_pending, _sending) = (_sending, _pending);
        }

        var count = _sending.SendTo(_transport);
        _sending.Clear();
        return count;
    }

    /// <summary>Frames back to back in one growable buffer (no allocation once it has grown).</summary>
    private sealed class Frames
    {
        private byte[] _bytes = new byte[16 * 1024];
        private int[] _ends = new int[256];
        private bool[] _binary = new bool[256];
        private int _length;
        private int _count;

        public void Add(ReadOnlySpan<byte> frame, bool binary)
        {
            if (_length + frame.Length > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + frame.Length));
            }

            if (_count == _ends.Length)
            {
                Array.Resize(ref _ends, _count * 2);
                Array.Resize(ref _binary, _count * 2);
            }

            frame.CopyTo(_bytes.AsSpan(_length));
            _length += frame.Length;
            _ends[_count] = _length;
            _binary[_count] = binary;
            _count++;
        }

        public int SendTo(IFrameSink sink)
        {
            var start = 0;
            for (var i = 0; i < _count; i++)
            {
                var frame = _bytes.AsSpan(start, _ends[i] - start);
                if (_binary[i])
                {
                    sink.SendBinary(frame);
                }
                else
                {
                    sink.Send(frame);
                }

                start = _ends[i];
            }

            return _count;
        }

        public void Clear()
        {
            _length = 0;
            _count = 0;
        }
    }
}
