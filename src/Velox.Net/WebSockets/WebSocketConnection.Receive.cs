using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using Velox.Core.Time;

namespace Velox.Net.WebSockets;

public sealed partial class WebSocketConnection
{
    private int _receiveStart;
    private int _receiveEnd;
    private bool _handshakeBytesPending;

    // Message being reassembled from fragments (opcode 0 = none).
    private byte _messageOpcode;
    private int _messageLength;

    // A frame too large for the receive buffer, copied into the message buffer as it arrives.
    private long _streamRemaining;
    private long _streamOffset;
    private uint _streamMaskKey;
    private bool _streamMasked;
    private bool _streamFin;

    /// <summary>
    /// One non-blocking read, then every complete frame in the buffer is decoded and handed to
    /// <paramref name="handler"/>. Never blocks (on wss:// one TLS read is kept outstanding and checked
    /// for completion), allocates nothing on ws://, and never throws for bad input: a violation sends the close code and calls OnClose.
    /// Returns the number of messages delivered. Not re-entrant: a handler may send (including
    /// <see cref="SendClose"/>) but must not call Poll or <see cref="Close"/>.
    /// </summary>
    public int Poll<THandler>(ref THandler handler)
        where THandler : struct, IWebSocketHandler
    {
        if (_state >= (int)WebSocketConnectionState.Closed)
        {
            return ReportAbortIfPending(ref handler);
        }

        var received = Receive();
        if (received > 0)
        {
            return ProcessFrames(ref handler);
        }

        if (received < 0)
        {
            Abort(ref handler);
            return 0;
        }

        if (_handshakeBytesPending)
        {
            // Frames that arrived together with the handshake are decoded on the first poll.
            return ProcessFrames(ref handler);
        }

        return 0;
    }

    /// <summary>
    /// Like <see cref="Poll{THandler}(ref THandler)"/>, but waits up to <paramref name="timeout"/> until
    /// at least one message was delivered or the connection ended. For simple callers, not hot loops.
    /// </summary>
    public int Poll<THandler>(ref THandler handler, TimeSpan timeout)
        where THandler : struct, IWebSocketHandler
    {
        var deadline = MonotonicClock.Now() + (long)(timeout.TotalMilliseconds * 1_000_000);
        while (true)
        {
            var delivered = Poll(ref handler);
            if (delivered > 0 || _state >= (int)WebSocketConnectionState.Closed)
            {
                return delivered;
            }

            var remaining = deadline - MonotonicClock.Now();
            if (remaining <= 0)
            {
                return 0;
            }

            var wait = TimeSpan.FromTicks(Math.Max(1, remaining / 100));
            if (_tls is null)
            {
                _socket.Poll(wait, SelectMode.SelectRead);
            }
            else
            {
                _tls.Wait(wait);
            }
        }
    }

    /// <summary>
    /// Blocks until bytes can be read or <paramref name="timeout"/> passes (returns at once when bytes already wait
    /// for <see cref="Poll{THandler}(ref THandler)"/>): an idle loop's wait that wakes when data arrives, where a
    /// fixed sleep would add up to its length to every message's latency. Polling thread only.
    /// </summary>
    public void WaitReadable(TimeSpan timeout)
    {
        if (_handshakeBytesPending || _state >= (int)WebSocketConnectionState.Closed)
        {
            return;
        }

        if (_tls is not null)
        {
            _tls.Wait(timeout);
            return;
        }

        try
        {
            _socket.Poll(timeout, SelectMode.SelectRead);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The next Poll reports the broken connection.
        }
    }

    private int Receive()
    {
        if (_tls is null || !_tls.IsReading)
        {
            Compact();
        }

        int n;
        if (_tls is null)
        {
            n = _socket.Receive(_receiveBuffer.AsSpan(_receiveEnd), SocketFlags.None, out var error);
            if (error != SocketError.Success)
            {
                return error == SocketError.WouldBlock ? 0 : -1;
            }

            if (n == 0)
            {
                return -1;
            }
        }
        else
        {
            n = _tls.TryRead(_receiveBuffer, _receiveEnd, _receiveBuffer.Length - _receiveEnd);
            if (n <= 0)
            {
                return n;
            }
        }

        LastReceiveTimestamp = MonotonicClock.Now();
        _receiveEnd += n;
        WireBytesReceived += n;
        return n;
    }

    private void Compact()
    {
        if (_receiveStart == _receiveEnd)
        {
            _receiveStart = 0;
            _receiveEnd = 0;
        }
        else if (_receiveStart > 0)
        {
            _receiveBuffer.AsSpan(_receiveStart, _receiveEnd - _receiveStart).CopyTo(_receiveBuffer);
            _receiveEnd -= _receiveStart;
            _receiveStart = 0;
        }
    }

    private int ProcessFrames<THandler>(ref THandler handler)
        where THandler : struct, IWebSocketHandler
    {
        _handshakeBytesPending = false;
        var delivered = 0;
        var timestamp = LastReceiveTimestamp;
        while (_state < (int)WebSocketConnectionState.Closed)
        {
            if (_streamRemaining > 0)
            {
                if (!ContinueStream())
                {
                    break;
                }

                if (_streamRemaining == 0 && _streamFin)
                {
                    delivered += DeliverReassembled(ref handler, timestamp);
                }

                continue;
            }

            var available = _receiveBuffer.AsSpan(_receiveStart, _receiveEnd - _receiveStart);
            var status = WebSocketFrameDecoder.TryDecodeHeader(available, out var header);
            if (status != FrameDecodeStatus.Complete)
            {
                if (status != FrameDecodeStatus.NeedMoreData)
                {
                    Fail(ref handler, WebSocketCloseCode.ProtocolError);
                }

                break;
            }

            // Clients must mask, servers must not (section 5.1).
            if (header.Masked == _isClient)
            {
                Fail(ref handler, WebSocketCloseCode.ProtocolError);
                break;
            }

            if (WebSocketOpcode.IsControl(header.Opcode))
            {
                if (header.FrameLength > available.Length)
                {
                    break;
                }

                var control = available.Slice(header.HeaderLength, (int)header.PayloadLength);
                Unmask(control, header);
                _receiveStart += (int)header.FrameLength;
                HandleControl(ref handler, header.Opcode, control);
                continue;
            }

            var continuation = header.Opcode == WebSocketOpcode.Continuation;
            if (continuation == (_messageOpcode == 0))
            {
                // A continuation with nothing to continue, or a new message inside a fragmented one.
                Fail(ref handler, WebSocketCloseCode.ProtocolError);
                break;
            }

            if ((continuation ? _messageLength : 0) + header.PayloadLength > _maxMessageSize)
            {
                OversizedMessages++;
                Fail(ref handler, WebSocketCloseCode.MessageTooBig);
                break;
            }

            if (header.FrameLength > available.Length)
            {
                if (header.FrameLength <= _receiveBuffer.Length)
                {
                    break;
                }

                BeginStream(header);
                continue;
            }

            var payload = available.Slice(header.HeaderLength, (int)header.PayloadLength);
            Unmask(payload, header);
            _receiveStart += (int)header.FrameLength;
            if (header.Fin && !continuation)
            {
                delivered += Deliver(ref handler, payload, header.Opcode == WebSocketOpcode.Text, timestamp);
                continue;
            }

            if (!continuation)
            {
                _messageOpcode = header.Opcode;
                _messageLength = 0;
            }

            payload.CopyTo(_messageBuffer.AsSpan(_messageLength));
            _messageLength += payload.Length;
            if (header.Fin)
            {
                delivered += DeliverReassembled(ref handler, timestamp);
            }
        }

        return delivered;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Unmask(Span<byte> payload, in WebSocketFrameHeader header)
    {
        if (header.Masked)
        {
            WebSocketMask.Apply(payload, header.MaskKey, 0);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void BeginStream(in WebSocketFrameHeader header)
    {
        if (header.Opcode != WebSocketOpcode.Continuation)
        {
            _messageOpcode = header.Opcode;
            _messageLength = 0;
        }

        _receiveStart += header.HeaderLength;
        _streamRemaining = header.PayloadLength;
        _streamOffset = 0;
        _streamMaskKey = header.MaskKey;
        _streamMasked = header.Masked;
        _streamFin = header.Fin;
    }

    /// <summary>Moves what has arrived of a streamed frame into the message buffer; false when nothing was there.</summary>
    private bool ContinueStream()
    {
        var take = (int)Math.Min(_receiveEnd - _receiveStart, _streamRemaining);
        if (take == 0)
        {
            return false;
        }

        var destination = _messageBuffer.AsSpan(_messageLength, take);
        _receiveBuffer.AsSpan(_receiveStart, take).CopyTo(destination);
        if (_streamMasked)
        {
            WebSocketMask.Apply(destination, _streamMaskKey, _streamOffset);
        }

        _receiveStart += take;
        _messageLength += take;
        _streamOffset += take;
        _streamRemaining -= take;
        return true;
    }

    private int DeliverReassembled<THandler>(ref THandler handler, long timestamp)
        where THandler : struct, IWebSocketHandler
    {
        var isText = _messageOpcode == WebSocketOpcode.Text;
        var length = _messageLength;
        _messageOpcode = 0;
        _messageLength = 0;
        return Deliver(ref handler, _messageBuffer.AsSpan(0, length), isText, timestamp);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Deliver<THandler>(ref THandler handler, ReadOnlySpan<byte> payload, bool isText, long timestamp)
        where THandler : struct, IWebSocketHandler
    {
        if (isText && _validateUtf8 && !Utf8.IsValid(payload))
        {
            Fail(ref handler, WebSocketCloseCode.InvalidPayloadData);
            return 0;
        }

        MessagesReceived++;
        BytesReceived += payload.Length;
        handler.OnMessage(payload, isText, timestamp);
        return 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void HandleControl<THandler>(ref THandler handler, byte opcode, ReadOnlySpan<byte> payload)
        where THandler : struct, IWebSocketHandler
    {
        if (opcode == WebSocketOpcode.Ping)
        {
            PingsReceived++;
            SendControlIfOpen(WebSocketOpcode.Pong, payload);
            return;
        }

        if (opcode == WebSocketOpcode.Pong)
        {
            PongsReceived++;
            return;
        }

        var code = WebSocketCloseCode.NoStatusReceived;
        var reason = ReadOnlySpan<byte>.Empty;
        if (payload.Length == 1)
        {
            Fail(ref handler, WebSocketCloseCode.ProtocolError);
            return;
        }

        if (payload.Length >= 2)
        {
            code = BinaryPrimitives.ReadUInt16BigEndian(payload);
            reason = payload.Slice(2);
            if (!WebSocketCloseCode.IsValidOnWire(code))
            {
                Fail(ref handler, WebSocketCloseCode.ProtocolError);
                return;
            }

            if (_validateUtf8 && !Utf8.IsValid(reason))
            {
                Fail(ref handler, WebSocketCloseCode.InvalidPayloadData);
                return;
            }
        }

        lock (_sendLock)
        {
            if (_state == (int)WebSocketConnectionState.Open)
            {
                // Echo the code (section 5.5.1); an empty close is echoed empty.
                SendCloseFrame(payload.Length >= 2 ? code : 0, ReadOnlySpan<byte>.Empty);
            }

            SetClosed(code);
        }

        handler.OnClose(code, reason);
    }

    /// <summary>Fails the connection (section 7.1.7): send the close code, stop reading, report it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Fail<THandler>(ref THandler handler, int code)
        where THandler : struct, IWebSocketHandler
    {
        if (code != WebSocketCloseCode.MessageTooBig)
        {
            ProtocolErrors++;
        }

        lock (_sendLock)
        {
            // After our own close frame no second one may follow (section 5.5.1).
            if (_state == (int)WebSocketConnectionState.Open)
            {
                SendCloseFrame(code, ReadOnlySpan<byte>.Empty);
            }

            if (_state < (int)WebSocketConnectionState.Closed)
            {
                SetClosed(code);
            }
        }

        handler.OnClose(code, ReadOnlySpan<byte>.Empty);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Abort<THandler>(ref THandler handler)
        where THandler : struct, IWebSocketHandler
    {
        lock (_sendLock)
        {
            if (_state < (int)WebSocketConnectionState.Closed)
            {
                CloseStatus = WebSocketCloseCode.AbnormalClosure;
                Volatile.Write(ref _state, (int)WebSocketConnectionState.Aborted);
            }
        }

        ReportAbortIfPending(ref handler);
    }

    /// <summary>A send that failed on another thread marks the connection aborted; the poller hears of it once.</summary>
    private int ReportAbortIfPending<THandler>(ref THandler handler)
        where THandler : struct, IWebSocketHandler
    {
        if (!_closeReported && _state == (int)WebSocketConnectionState.Aborted)
        {
            _closeReported = true;
            handler.OnClose(CloseStatus, ReadOnlySpan<byte>.Empty);
        }

        return 0;
    }

    private void SetClosed(int code)
    {
        CloseStatus = code;
        _closeReported = true;
        Volatile.Write(ref _state, (int)WebSocketConnectionState.Closed);
        if (!_isClient)
        {
            // The server closes TCP first (section 7.1.1); clients such as .NET's wait for it.
            ShutdownSend();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ShutdownSend()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // Already gone: nothing left to tell the peer.
        }
    }
}
