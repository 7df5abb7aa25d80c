using System.Net;
using System.Net.Sockets;
using System.Text;
using Velox.Net.WebSockets;

namespace Velox.Net.Tests.WebSockets;

[CancelAfter(20_000)]
public sealed class HandshakeTests
{
    [Test]
    public void Accept_key_matches_the_rfc_example() =>
        Assert.That(WebSocketHandshake.ComputeAccept("dGhlIHNhbXBsZSBub25jZQ=="), Is.EqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));

    [Test]
    public void Keys_are_16_random_bytes()
    {
        var key = WebSocketHandshake.CreateKey();
        Assert.That(Convert.FromBase64String(key), Has.Length.EqualTo(16));
        Assert.That(WebSocketHandshake.CreateKey(), Is.Not.EqualTo(key));
        Assert.That(WebSocketHandshake.IsValidKey(key), Is.True);
        Assert.That(WebSocketHandshake.IsValidKey("c2hvcnQ="), Is.False);
    }

    [Test]
    public async Task Client_reports_a_non_101_answer_clearly()
    {
        var port = Answer("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", out var serve);

        var error = Assert.ThrowsAsync<WebSocketHandshakeException>(() => WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/")));

        Assert.That(error!.StatusCode, Is.EqualTo(403));
        Assert.That(error.Message, Does.Contain("403 Forbidden").And.Contain("101"));
        await serve;
    }

    [Test]
    public async Task Client_rejects_a_wrong_accept_key()
    {
        var port = Answer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n", out var serve);

        var error = Assert.ThrowsAsync<WebSocketHandshakeException>(() => WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/")));

        Assert.That(error!.Message, Does.Contain("Sec-WebSocket-Accept"));
        await serve;
    }

    [Test]
    public void Client_refuses_other_schemes() =>
        Assert.ThrowsAsync<ArgumentException>(() => WebSocketClient.ConnectAsync(new Uri("http://127.0.0.1:1/")));

    [TestCase("Sec-WebSocket-Version: 12\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", "HTTP/1.1 426")]
    [TestCase("Sec-WebSocket-Version: 13\r\n", "HTTP/1.1 400")]
    [TestCase("Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: c2hvcnQ=\r\n", "HTTP/1.1 400")]
    public async Task Server_refuses_bad_upgrades(string headers, string expectedStatus)
    {
        using var server = new WebSocketServer();
        var accept = server.AcceptAsync();
        using var raw = await RawClient.ConnectAsync(server.Port, $"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n{headers}\r\n");

        Assert.That(raw.ReadResponse(), Does.StartWith(expectedStatus));
        Assert.ThrowsAsync<WebSocketHandshakeException>(async () => await accept);
        Assert.That(server.RejectedHandshakes, Is.EqualTo(1));
    }

    [Test]
    public async Task Server_refuses_a_plain_http_request()
    {
        using var server = new WebSocketServer();
        var accept = server.AcceptAsync();
        using var raw = await RawClient.ConnectAsync(server.Port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.That(raw.ReadResponse(), Does.StartWith("HTTP/1.1 400"));
        Assert.ThrowsAsync<WebSocketHandshakeException>(async () => await accept);
    }

    [Test]
    public async Task Frames_sent_right_behind_the_101_are_not_lost()
    {
        using var server = new WebSocketServer();
        var accept = Task.Run(async () =>
        {
            var connection = await server.AcceptAsync();
            connection.SendText("first"u8);
            return connection;
        });
        using var client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"));
        using var serverSide = await accept;
        await Task.Delay(50);
        var recording = new Recording();

        recording.PollUntilMessages(client, 1);

        Assert.That(recording.Text(0), Is.EqualTo("first"));
    }

    private static int Answer(string response, out Task serve)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        serve = Task.Run(async () =>
        {
            using (listener)
            {
                using var socket = await listener.AcceptSocketAsync();
                var request = new byte[4096];
                var length = 0;
                while (request.AsSpan(0, length).IndexOf("\r\n\r\n"u8) < 0)
                {
                    length += await socket.ReceiveAsync(request.AsMemory(length));
                }

                await socket.SendAsync(Encoding.ASCII.GetBytes(response));
            }
        });
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
