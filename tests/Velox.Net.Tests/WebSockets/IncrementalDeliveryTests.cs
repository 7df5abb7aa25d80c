using System.Net;
using System.Net.Sockets;
using System.Text;
using Velox.Net.WebSockets;

namespace Velox.Net.Tests.WebSockets;

/// <summary>Frames that arrive a few bytes at a time, through a real socket, with a poll after each piece.</summary>
[CancelAfter(20_000)]
public sealed class IncrementalDeliveryTests
{
    [TestCase(1)]
    [TestCase(7)]
    public async Task Frames_delivered_in_small_pieces_decode_the_same(int pieceSize)
    {
        using var server = new WebSocketServer(0, new WebSocketOptions { ReceiveBufferSize = 1024, MaxMessageSize = 8192 });
        var accept = server.AcceptAsync();
        using var raw = await RawClient.ConnectAsync(server.Port);
        using var connection = await accept;
        raw.ReadResponse();
        var recording = new Recording();
        var handler = new RecordingHandler(recording);
        var medium = new byte[300];
        var large = new byte[5000];
        new Random(1).NextBytes(medium);
        new Random(2).NextBytes(large);
        byte[] stream =
        [
            .. RawClient.Frame(0x81, "Hello"u8),
            .. RawClient.Frame(0x89, "ping"u8),
            .. RawClient.Frame(0x82, medium),
            .. RawClient.Frame(0x01, "Hel"u8),
            .. RawClient.Frame(0x80, "lo"u8),
            .. RawClient.Frame(0x02, large.AsSpan(0, 1500)),
            .. RawClient.Frame(0x80, large.AsSpan(1500)),
        ];

        for (var offset = 0; offset < stream.Length; offset += pieceSize)
        {
            raw.Send(stream.AsSpan(offset, Math.Min(pieceSize, stream.Length - offset)));
            connection.Poll(ref handler);
        }

        recording.PollUntilMessages(connection, 4);
        Assert.That(recording.Text(0), Is.EqualTo("Hello"));
        Assert.That(recording.Messages[1].Payload, Is.EqualTo(medium));
        Assert.That(recording.Text(2), Is.EqualTo("Hello"));
        Assert.That(recording.Messages[3].Payload, Is.EqualTo(large));
        Assert.That(connection.PingsReceived, Is.EqualTo(1));
    }

    [Test]
    public async Task Client_refuses_masked_frames_from_a_server()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serve = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            var request = new byte[4096];
            var length = 0;
            while (request.AsSpan(0, length).IndexOf("\r\n\r\n"u8) < 0)
            {
                length += await socket.ReceiveAsync(request.AsMemory(length));
            }

            var text = Encoding.ASCII.GetString(request, 0, length);
            var key = text.Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.Ordinal))[18..].Trim();
            var response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                $"Sec-WebSocket-Accept: {WebSocketHandshake.ComputeAccept(key)}\r\n\r\n";
            byte[] bytes = [.. Encoding.ASCII.GetBytes(response), .. RawClient.Frame(0x81, "Hello"u8, masked: true)];
            await socket.SendAsync(bytes);
            var close = new byte[64];
            var n = await socket.ReceiveAsync(close);
            return close.AsSpan(0, n).ToArray();
        });
        using var client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"));
        var recording = new Recording();

        recording.PollUntilClosed(client);

        Assert.That(recording.CloseStatus, Is.EqualTo(WebSocketCloseCode.ProtocolError));
        var closeFrame = await serve;
        Assert.That(closeFrame[0], Is.EqualTo(0x88));
        Assert.That(closeFrame[1], Is.EqualTo(0x82), "a client's close frame is masked and carries the 2-byte code");
        WebSocketMask.Apply(closeFrame.AsSpan(6, 2), BitConverter.ToUInt32(closeFrame, 2), 0);
        Assert.That((closeFrame[6] << 8) | closeFrame[7], Is.EqualTo(1002));
    }
}
