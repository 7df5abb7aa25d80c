using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Velox.Net.WebSockets;

namespace Velox.Net.Tests.WebSockets;

/// <summary>
/// The BCL's WebSocket as the server: a TcpListener on 127.0.0.1, the HTTP upgrade answered by hand,
/// then <see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/> runs a test script.
/// </summary>
internal sealed class BclServerPeer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Task _script;

    private BclServerPeer(TcpListener listener, Func<Stream, Task<Stream>>? wrap, WebSocketCreationOptions options, Func<WebSocket, Task> script)
    {
        _listener = listener;
        _script = Task.Run(async () =>
        {
            using var client = await _listener.AcceptTcpClientAsync();
            Stream stream = client.GetStream();
            if (wrap is not null)
            {
                stream = await wrap(stream);
            }

            await AnswerUpgradeAsync(stream);
            using var socket = WebSocket.CreateFromStream(stream, options);
            await script(socket);
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static BclServerPeer Start(Func<WebSocket, Task> script, WebSocketCreationOptions? options = null, Func<Stream, Task<Stream>>? wrap = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new BclServerPeer(listener, wrap, options ?? new WebSocketCreationOptions { IsServer = true }, script);
    }

    /// <summary>Echoes every message (reassembled) with its type until the client closes, then completes the close.</summary>
    public static async Task EchoAsync(WebSocket socket)
    {
        var buffer = new byte[4 * 1024 * 1024];
        while (true)
        {
            var (type, length) = await ReceiveMessageAsync(socket, buffer);
            if (type == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.Empty, socket.CloseStatusDescription, default);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, length), type, true, default);
        }
    }

    public static async Task<(WebSocketMessageType Type, int Length)> ReceiveMessageAsync(WebSocket socket, byte[] buffer)
    {
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), default);
            length += result.Count;
            if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, length);
            }
        }
    }

    /// <summary>Waits for the server script; rethrows what it threw.</summary>
    public Task Completion => _script;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Dispose();
        await Task.WhenAny(_script, Task.Delay(2000));
    }

    private static async Task AnswerUpgradeAsync(Stream stream)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) < 0)
        {
            length += await stream.ReadAsync(buffer.AsMemory(length));
        }

        string? key = null;
        foreach (var line in Encoding.ASCII.GetString(buffer, 0, length).Split("\r\n"))
        {
            if (line.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))
            {
                key = line["Sec-WebSocket-Key:".Length..].Trim();
            }
        }

        var response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Accept: {WebSocketHandshake.ComputeAccept(key!)}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
    }
}
