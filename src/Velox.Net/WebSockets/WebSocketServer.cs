using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Velox.Net.WebSockets;

/// <summary>
/// Accepts WebSocket connections on a local endpoint (127.0.0.1 by default; port 0 picks a free port).
/// Each accepted socket gets TCP_NODELAY and the server half of the HTTP upgrade; the returned
/// <see cref="WebSocketConnection"/> requires masked client frames and sends unmasked ones.
/// </summary>
public sealed class WebSocketServer : IDisposable
{
    private readonly Socket _listener;
    private readonly WebSocketOptions _options;
    private long _rejectedHandshakes;

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/>.</summary>
    public WebSocketServer(int port = 0, WebSocketOptions? options = null)
        : this(new IPEndPoint(IPAddress.Loopback, port), options)
    {
    }

    public WebSocketServer(IPEndPoint endPoint, WebSocketOptions? options = null)
    {
        _options = options ?? new WebSocketOptions();
        _options.Validate();
        _listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(endPoint);
            _listener.Listen(128);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    /// <summary>The bound endpoint, with the actual port when 0 was asked for.</summary>
    public IPEndPoint LocalEndPoint { get; }

    public int Port => LocalEndPoint.Port;

    /// <summary>Upgrade requests answered with 400/426 (or that timed out).</summary>
    public long RejectedHandshakes => Interlocked.Read(ref _rejectedHandshakes);

    /// <summary>
    /// Waits for the next client and completes its upgrade. A client with a bad request gets 400 (426 for
    /// a wrong version) and this throws <see cref="WebSocketHandshakeException"/>; keep accepting after it.
    /// </summary>
    public async Task<WebSocketConnection> AcceptAsync(CancellationToken cancellationToken = default)
    {
        var socket = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            socket.NoDelay = true;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.HandshakeTimeout);
            var stream = new NetworkStream(socket, ownsSocket: false);
            var buffer = new byte[Math.Min(_options.ReceiveBufferSize, WebSocketHandshake.MaxHeaderLength)];
            var (headerLength, received) = await WebSocketHandshake.ReadHeaderAsync(stream, buffer, timeout.Token).ConfigureAwait(false);
            var request = HttpHeaderBlock.Parse(buffer.AsSpan(0, headerLength));
            var (path, refusal) = CheckRequest(request);
            if (refusal is not null)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(refusal), timeout.Token).ConfigureAwait(false);
                throw new WebSocketHandshakeException($"refused WebSocket upgrade \"{request.StartLine}\": {refusal[..refusal.IndexOf('\r', StringComparison.Ordinal)]}");
            }

            var response =
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                $"Sec-WebSocket-Accept: {WebSocketHandshake.ComputeAccept(request["Sec-WebSocket-Key"]!)}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response), timeout.Token).ConfigureAwait(false);
            return new WebSocketConnection(socket, null, isClient: false, path, _options, buffer.AsSpan(headerLength, received - headerLength));
        }
        catch (Exception e) when (e is WebSocketHandshakeException or OperationCanceledException or IOException or SocketException)
        {
            Interlocked.Increment(ref _rejectedHandshakes);
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>The request target, or a complete HTTP refusal to send back.</summary>
    private static (string Path, string? Refusal) CheckRequest(HttpHeaderBlock request)
    {
        const string BadRequest = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
        var parts = request.StartLine.Split(' ');
        if (parts.Length != 3 || parts[0] != "GET" || parts[2] != "HTTP/1.1")
        {
            return (string.Empty, BadRequest);
        }

        if (!request.HasToken("Upgrade", "websocket") || !request.HasToken("Connection", "Upgrade"))
        {
            return (parts[1], BadRequest);
        }

        if (request["Sec-WebSocket-Version"] != "13")
        {
            return (parts[1], "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        }

        var key = request["Sec-WebSocket-Key"];
        return key is not null && WebSocketHandshake.IsValidKey(key) ? (parts[1], null) : (parts[1], BadRequest);
    }
}
