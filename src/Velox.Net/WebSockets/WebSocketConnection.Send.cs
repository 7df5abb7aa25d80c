using System.Buffers.Binary;
using System.Net.Sockets;
using Velox.Core.Time;

namespace Velox.Net.WebSockets;

public sealed partial class WebSocketConnection
{
    private const int MaxCloseReasonLength = WebSocketFrameDecoder.MaxControlPayloadLength - 2;

    private bool _sendBroken;
    private bool _batching;
    private int _batchUsed;

    /// <summary>Sends one text message (the bytes must be UTF-8). False when the connection is not open or the send failed.</summary>
    public bool SendText(ReadOnlySpan<byte> utf8) => SendMessage(WebSocketOpcode.Text, utf8, fin: true);

    /// <summary>Sends one binary message. False when the connection is not open or the send failed.</summary>
    public bool SendBinary(ReadOnlySpan<byte> payload) => SendMessage(WebSocketOpcode.Binary, payload, fin: true);

    /// <summary>
    /// Sends one frame of a fragmented message: the first with <see cref="WebSocketOpcode.Text"/> or
    /// <see cref="WebSocketOpcode.Binary"/>, the rest with <see cref="WebSocketOpcode.Continuation"/>,
    /// the last with <paramref name="fin"/> set.
    /// </summary>
    public bool SendFragment(byte opcode, ReadOnlySpan<byte> payload, bool fin) => SendMessage(opcode, payload, fin);

    /// <summary>
    /// Starts coalescing: text and binary messages sent from now on are encoded one after the other into the send
    /// buffer and written by <see cref="EndBatch"/> in one write (one send() on ws://) instead of one write each.
    /// A message that does not fit, or a control frame, first writes what the batch holds, so order is kept.
    /// </summary>
    public void BeginBatch()
    {
        lock (_sendLock)
        {
            _batching = true;
        }
    }

    /// <summary>Ends the batch and writes what it holds. False when that write failed (the connection is then aborted).</summary>
    public bool EndBatch()
    {
        lock (_sendLock)
        {
            _batching = false;
            return WriteBatch();
        }
    }

    /// <summary>Sends a ping (payload up to 125 bytes); the pong is counted in <see cref="PongsReceived"/>.</summary>
    public bool SendPing(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > WebSocketFrameDecoder.MaxControlPayloadLength)
        {
            return false;
        }

        return SendControlIfOpen(WebSocketOpcode.Ping, payload);
    }

    /// <summary>
    /// Starts the closing handshake without waiting: the peer's close arrives through Poll as OnClose.
    /// The reason is UTF-8, at most 123 bytes. False when a close was already sent or the send failed.
    /// </summary>
    public bool SendClose(int code, ReadOnlySpan<byte> reason)
    {
        if (reason.Length > MaxCloseReasonLength || !WebSocketCloseCode.IsValidOnWire(code))
        {
            return false;
        }

        lock (_sendLock)
        {
            if (_state != (int)WebSocketConnectionState.Open)
            {
                return false;
            }

            Volatile.Write(ref _state, (int)WebSocketConnectionState.CloseSent);
            return SendCloseFrame(code, reason);
        }
    }

    /// <summary>
    /// Closing handshake for simple callers, on the polling thread: sends close (unless the peer already
    /// did) and polls until the peer's close arrives or <paramref name="timeout"/> passes; messages that
    /// arrive meanwhile are dropped. True when the handshake completed.
    /// </summary>
    public bool Close(int code, ReadOnlySpan<byte> reason, TimeSpan timeout)
    {
        SendClose(code, reason);
        var handler = default(DiscardingHandler);
        var deadline = MonotonicClock.Now() + (long)(timeout.TotalMilliseconds * 1_000_000);
        while (_state == (int)WebSocketConnectionState.CloseSent)
        {
            var remaining = deadline - MonotonicClock.Now();
            if (remaining <= 0)
            {
                break;
            }

            Poll(ref handler, TimeSpan.FromTicks(Math.Max(1, remaining / 100)));
        }

        return _state == (int)WebSocketConnectionState.Closed;
    }

    private bool SendMessage(byte opcode, ReadOnlySpan<byte> payload, bool fin)
    {
        lock (_sendLock)
        {
            if (_state != (int)WebSocketConnectionState.Open || !SendFrame(opcode, fin, payload))
            {
                return false;
            }

            if (fin)
            {
                MessagesSent++;
            }

            BytesSent += payload.Length;
            return true;
        }
    }

    private bool SendControlIfOpen(byte opcode, ReadOnlySpan<byte> payload)
    {
        lock (_sendLock)
        {
            return _state == (int)WebSocketConnectionState.Open && SendFrame(opcode, fin: true, payload);
        }
    }

    /// <summary>Close frame with a code (0 = no code) and reason; caller holds the send lock.</summary>
    private bool SendCloseFrame(int code, ReadOnlySpan<byte> reason)
    {
        Span<byte> payload = stackalloc byte[WebSocketFrameDecoder.MaxControlPayloadLength];
        if (code == 0)
        {
            return SendFrame(WebSocketOpcode.Close, fin: true, ReadOnlySpan<byte>.Empty);
        }

        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)code);
        reason.CopyTo(payload.Slice(2));
        return SendFrame(WebSocketOpcode.Close, fin: true, payload.Slice(0, 2 + reason.Length));
    }

    /// <summary>Encodes into the send buffer (in pieces when larger) and writes it out; caller holds the send lock.</summary>
    private bool SendFrame(byte opcode, bool fin, ReadOnlySpan<byte> payload)
    {
        if (_sendBroken)
        {
            return false;
        }

        var masked = _isClient;
        var maskKey = masked ? _masks.Next() : 0u;
        var buffer = _sendBuffer;
        if (_batchUsed > 0 || _batching)
        {
            if (_batching && !WebSocketOpcode.IsControl(opcode) && buffer.Length - _batchUsed >= WebSocketFrameEncoder.GetHeaderLength(payload.Length, masked) + payload.Length)
            {
                var start = _batchUsed;
                var header = WebSocketFrameEncoder.WriteHeader(buffer.AsSpan(start), opcode, fin, payload.Length, masked, maskKey);
                var frameBody = buffer.AsSpan(start + header, payload.Length);
                payload.CopyTo(frameBody);
                if (masked)
                {
                    WebSocketMask.Apply(frameBody, maskKey, 0);
                }

                _batchUsed = start + header + payload.Length;
                return true;
            }

            if (!WriteBatch())
            {
                return false;
            }
        }

        var used = WebSocketFrameEncoder.WriteHeader(buffer, opcode, fin, payload.Length, masked, maskKey);
        var offset = 0;
        while (true)
        {
            var take = Math.Min(payload.Length - offset, buffer.Length - used);
            var body = buffer.AsSpan(used, take);
            payload.Slice(offset, take).CopyTo(body);
            if (masked)
            {
                WebSocketMask.Apply(body, maskKey, offset);
            }

            offset += take;
            if (!WriteAll(buffer.AsSpan(0, used + take)))
            {
                return BreakSend();
            }

            if (offset == payload.Length)
            {
                return true;
            }

            used = 0;
        }
    }

    /// <summary>Writes the frames a batch encoded; caller holds the send lock.</summary>
    private bool WriteBatch()
    {
        if (_batchUsed == 0)
        {
            return !_sendBroken;
        }

        var length = _batchUsed;
        _batchUsed = 0;
        return (!_sendBroken && WriteAll(_sendBuffer.AsSpan(0, length))) || BreakSend();
    }

    /// <summary>A failed (possibly partial) write leaves the stream unusable: aborts the connection; always false. Caller holds the send lock.</summary>
    private bool BreakSend()
    {
        _sendBroken = true;
        if (_state < (int)WebSocketConnectionState.Closed)
        {
            CloseStatus = WebSocketCloseCode.AbnormalClosure;
            Volatile.Write(ref _state, (int)WebSocketConnectionState.Aborted);
        }

        return false;
    }

    private bool WriteAll(ReadOnlySpan<byte> data)
    {
        if (_tls is not null)
        {
            return WriteTls(data);
        }

        while (data.Length > 0)
        {
            var n = _socket.Send(data, SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                data = data.Slice(n);
            }
            else if (error != SocketError.WouldBlock || !_socket.Poll(TimeSpan.FromMicroseconds(_sendTimeoutMicros), SelectMode.SelectWrite))
            {
                return false;
            }
        }

        return true;
    }

    private bool WriteTls(ReadOnlySpan<byte> data)
    {
        try
        {
            _tls!.Write(data);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private struct DiscardingHandler : IWebSocketHandler
    {
        public readonly void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
        }

        public readonly void OnClose(int closeStatus, ReadOnlySpan<byte> reason)
        {
        }
    }
}
