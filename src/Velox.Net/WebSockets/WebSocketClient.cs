using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Velox.Net.WebSockets;

/// <summary>
/// Opens client connections to ws:// and wss:// URIs: TCP with TCP_NODELAY, TLS when the scheme says so,
/// then the HTTP/1.1 upgrade. The handshake may allocate; the connection it returns does not.
/// </summary>
public static class WebSocketClient
{
    /// <summary>Connects and upgrades; throws <see cref="WebSocketHandshakeException"/> when the server refuses.</summary>
    public static async Task<WebSocketConnection> ConnectAsync(Uri uri, WebSocketClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new WebSocketClientOptions();
        options.Validate();
        var secure = uri.Scheme switch
        {
            "ws" => false,
            "wss" => true,
            _ => throw new ArgumentException($"expected a ws:// or wss:// URI, got {uri}", nameof(uri)),
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.HandshakeTimeout);
        var token = timeout.Token;
        var address = IPAddress.TryParse(uri.Host, out var literal)
            ? literal
            : (await Dns.GetHostAddressesAsync(uri.DnsSafeHost, token).ConfigureAwait(false))[0];
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        SslStream? tls = null;
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, uri.Port), token).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (secure)
            {
                tls = new SslStream(stream, leaveInnerStreamOpen: false);
                var authentication = new SslClientAuthenticationOptions
                {
                    TargetHost = uri.IdnHost,
                    RemoteCertificateValidationCallback = options.RemoteCertificateValidation,
                };
                await tls.AuthenticateAsClientAsync(authentication, token).ConfigureAwait(false);
                stream = tls;
            }

            var key = WebSocketHandshake.CreateKey();
            var request =
                $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), token).ConfigureAwait(false);

            var buffer = new byte[Math.Min(options.ReceiveBufferSize, WebSocketHandshake.MaxHeaderLength)];
            var (headerLength, received) = await WebSocketHandshake.ReadHeaderAsync(stream, buffer, token).ConfigureAwait(false);
            CheckResponse(HttpHeaderBlock.Parse(buffer.AsSpan(0, headerLength)), key);
            return new WebSocketConnection(socket, tls, isClient: true, uri.PathAndQuery, options, buffer.AsSpan(headerLength, received - headerLength));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            Dispose(socket, tls);
            throw new WebSocketHandshakeException($"connecting to {uri} timed out after {options.HandshakeTimeout}", e);
        }
        catch
        {
            Dispose(socket, tls);
            throw;
        }
    }

    /// <summary>Blocking form of <see cref="ConnectAsync"/> for simple callers.</summary>
    public static WebSocketConnection Connect(Uri uri, WebSocketClientOptions? options = null) =>
        ConnectAsync(uri, options).GetAwaiter().GetResult();

    private static void CheckResponse(HttpHeaderBlock response, string key)
    {
        var parts = response.StartLine.Split(' ', 3);
        var status = parts.Length >= 2 && int.TryParse(parts[1], out var code) ? code : 0;
        if (status != 101)
        {
            throw new WebSocketHandshakeException($"server refused the WebSocket upgrade: \"{response.StartLine}\" (expected 101 Switching Protocols)")
            {
                StatusCode = status,
            };
        }

        if (!response.HasToken("Upgrade", "websocket") || !response.HasToken("Connection", "Upgrade"))
        {
            throw new WebSocketHandshakeException("101 response without 'Upgrade: websocket' and 'Connection: Upgrade'") { StatusCode = status };
        }

        var accept = response["Sec-WebSocket-Accept"];
        if (accept != WebSocketHandshake.ComputeAccept(key))
        {
            throw new WebSocketHandshakeException($"Sec-WebSocket-Accept is '{accept}', expected the SHA-1 of our key") { StatusCode = status };
        }
    }

    private static void Dispose(Socket socket, SslStream? tls)
    {
        tls?.Dispose();
        socket.Dispose();
    }
}
