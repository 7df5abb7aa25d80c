using System.Net.Security;

namespace Velox.Net.WebSockets;

/// <summary>
/// Non-blocking reads over TLS. SslStream has no non-blocking read and may hold decrypted bytes the
/// socket no longer shows as readable, so one read is kept outstanding and polled for completion;
/// decryption runs on the I/O completion thread.
/// </summary>
internal sealed class TlsReceiver : IDisposable
{
    private readonly SslStream _stream;
    private readonly ManualResetEventSlim _completed = new(false);
    private readonly Action _signal;
    private ValueTask<int> _pending;

    public TlsReceiver(SslStream stream)
    {
        _stream = stream;
        _signal = _completed.Set;
    }

    /// <summary>A read is outstanding: the buffer region it targets must not move.</summary>
    public bool IsReading { get; private set; }

    /// <summary>Bytes read (&gt; 0), 0 when nothing has arrived yet, -1 when the stream ended or failed.</summary>
    public int TryRead(byte[] buffer, int offset, int count)
    {
        if (!IsReading)
        {
            _completed.Reset();
#pragma warning disable CA2012 // Kept to poll for completion; consumed exactly once below.
            _pending = _stream.ReadAsync(buffer.AsMemory(offset, count));
#pragma warning restore CA2012
            IsReading = true;
            if (!_pending.IsCompleted)
            {
                _pending.GetAwaiter().UnsafeOnCompleted(_signal);
                return 0;
            }
        }
        else if (!_pending.IsCompleted)
        {
            return 0;
        }

        IsReading = false;
        try
        {
            var n = _pending.GetAwaiter().GetResult();
            return n > 0 ? n : -1;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (ObjectDisposedException)
        {
            return -1;
        }
    }

    /// <summary>Waits until the outstanding read completes or the timeout passes.</summary>
    public void Wait(TimeSpan timeout)
    {
        if (IsReading)
        {
            _completed.Wait(timeout);
        }
    }

    public void Write(ReadOnlySpan<byte> data) => _stream.Write(data);

    /// <summary>Disposes the stream. The event stays: a cancelled read may still signal it from another thread.</summary>
    public void Dispose() => _stream.Dispose();
}
