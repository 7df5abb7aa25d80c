using System.Net.Security;
using System.Net.Sockets;

namespace Velox.Net.WebSockets;

/// <summary>
/// One open WebSocket, client or server side, after the HTTP upgrade. All buffers are allocated here,
/// once; receiving and sending then allocate nothing.
/// Threading: <see cref="Poll{THandler}(ref THandler)"/> (and <see cref="Close"/>) belong to one thread,
/// the polling thread. Send methods may be called from any thread: they are serialized by a lock, which
/// also orders them with the automatic pong and close replies that Poll sends.
/// </summary>
public sealed partial class WebSocketConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly TlsReceiver? _tls;
    private readonly bool _isClient;
    private readonly bool _validateUtf8;
    private readonly int _maxMessageSize;
    private readonly long _sendTimeoutMicros;
    private readonly byte[] _receiveBuffer;
    private readonly byte[] _messageBuffer;
    private readonly byte[] _sendBuffer;
    private readonly Lock _sendLock = new();
    private MaskKeyGenerator _masks;
    private int _state;
    private bool _closeReported;

    internal WebSocketConnection(Socket socket, SslStream? tls, bool isClient, string requestPath, WebSocketOptions options, ReadOnlySpan<byte> firstBytes)
    {
        _socket = socket;
        _tls = tls is null ? null : new TlsReceiver(tls);
        _isClient = isClient;
        _validateUtf8 = options.ValidateUtf8;
        _maxMessageSize = options.MaxMessageSize;
        _sendTimeoutMicros = (long)options.SendTimeout.TotalMicroseconds;
        _receiveBuffer = new byte[options.ReceiveBufferSize];
        _messageBuffer = new byte[options.MaxMessageSize];
        _sendBuffer = new byte[options.SendBufferSize];
        _masks = MaskKeyGenerator.Create();
        RequestPath = requestPath;
        firstBytes.CopyTo(_receiveBuffer);
        _receiveEnd = firstBytes.Length;
        _handshakeBytesPending = firstBytes.Length > 0;
        if (tls is null)
        {
            socket.Blocking = false;
        }
        else
        {
            socket.SendTimeout = (int)options.SendTimeout.TotalMilliseconds;
        }
    }

    /// <summary>True for the client side (which masks what it sends).</summary>
    public bool IsClient => _isClient;

    /// <summary>True when the bytes travel over TLS (wss://).</summary>
    public bool IsTls => _tls is not null;

    /// <summary>The request target of the upgrade (path and query), e.g. "/ws/2".</summary>
    public string RequestPath { get; }

    public WebSocketConnectionState State => (WebSocketConnectionState)Volatile.Read(ref _state);

    /// <summary>The close code once <see cref="State"/> is Closed or Aborted (see <see cref="IWebSocketHandler.OnClose"/>).</summary>
    public int CloseStatus { get; private set; }

    /// <summary>MonotonicClock nanoseconds of the latest read that returned bytes.</summary>
    public long LastReceiveTimestamp { get; private set; }

    /// <summary>Text and binary messages delivered to the handler.</summary>
    public long MessagesReceived { get; private set; }

    /// <summary>Payload bytes of the delivered messages.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>Bytes read from the socket (or TLS stream), framing included.</summary>
    public long WireBytesReceived { get; private set; }

    public long PingsReceived { get; private set; }

    public long PongsReceived { get; private set; }

    /// <summary>Messages refused because they exceeded the maximum message size (each closes with 1009).</summary>
    public long OversizedMessages { get; private set; }

    /// <summary>Violations that failed the connection with 1002 or 1007.</summary>
    public long ProtocolErrors { get; private set; }

    /// <summary>Text and binary messages sent.</summary>
    public long MessagesSent { get; private set; }

    /// <summary>Payload bytes of the sent messages.</summary>
    public long BytesSent { get; private set; }

    public void Dispose()
    {
        lock (_sendLock)
        {
            if (_state < (int)WebSocketConnectionState.Closed)
            {
                Volatile.Write(ref _state, (int)WebSocketConnectionState.Aborted);
                CloseStatus = WebSocketCloseCode.AbnormalClosure;
            }

            _tls?.Dispose();
            _socket.Dispose();
        }
    }
}
