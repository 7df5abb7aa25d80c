using System.Net.WebSockets;
using System.Text;
using Velox.Net.WebSockets;

namespace Velox.Net.Tests.WebSockets;

/// <summary>The BCL's ClientWebSocket against our server.</summary>
[CancelAfter(20_000)]
public sealed class ServerInteropTests
{
    private static readonly WebSocketOptions Options = new() { MaxMessageSize = 2 * 1024 * 1024 };

    [Test]
    public async Task Echoes_text_binary_and_fragments()
    {
        using var server = new WebSocketServer(0, Options);
        var echo = EchoInBackground(server);
        using var client = await ConnectAsync(server);
        var binary = new byte[3000];
        new Random(1).NextBytes(binary);

        await client.SendAsync("héllo"u8.ToArray(), WebSocketMessageType.Text, true, default);
        Assert.That(await ReceiveTextAsync(client), Is.EqualTo("héllo"));
        await client.SendAsync(binary, WebSocketMessageType.Binary, true, default);
        var (type, payload) = await ReceiveAsync(client);
        Assert.That((type, payload), Is.EqualTo((WebSocketMessageType.Binary, binary)));
        await client.SendAsync("Hel"u8.ToArray(), WebSocketMessageType.Text, false, default);
        await client.SendAsync("lo"u8.ToArray(), WebSocketMessageType.Text, false, default);
        await client.SendAsync("!"u8.ToArray(), WebSocketMessageType.Text, true, default);
        Assert.That(await ReceiveTextAsync(client), Is.EqualTo("Hello!"));

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", default);
        var (connection, recording) = await echo;
        Assert.That((recording.CloseStatus, recording.CloseReason), Is.EqualTo((1000, "done")));
        Assert.That(connection.MessagesReceived, Is.EqualTo(3));
        Assert.That(connection.RequestPath, Is.EqualTo("/md?venue=sim"));
        Assert.That(client.CloseStatus, Is.EqualTo(WebSocketCloseStatus.NormalClosure));
        connection.Dispose();
    }

    [Test]
    public async Task Echoes_one_MiB()
    {
        using var server = new WebSocketServer(0, Options);
        var echo = EchoInBackground(server);
        using var client = await ConnectAsync(server);
        var payload = new byte[1024 * 1024];
        new Random(2).NextBytes(payload);

        var receive = ReceiveAsync(client);
        await client.SendAsync(payload, WebSocketMessageType.Binary, true, default);
        var (_, echoed) = await receive;

        Assert.That(echoed.AsSpan().SequenceEqual(payload), Is.True);
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, default);
        (await echo).Connection.Dispose();
    }

    [Test]
    public async Task Answers_BCL_keep_alive_pings_and_BCL_answers_ours()
    {
        using var server = new WebSocketServer(0, Options);
        var accept = server.AcceptAsync();
        using var client = new ClientWebSocket();
        client.Options.KeepAliveInterval = TimeSpan.FromMilliseconds(50);
        client.Options.KeepAliveTimeout = TimeSpan.FromSeconds(5);
        await client.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), default);
        using var connection = await accept;
        var pending = ReceiveAsync(client);
        var recording = new Recording();

        Assert.That(connection.SendPing("ours"u8), Is.True);
        await Task.Run(() => recording.PollUntil(connection, _ => connection.PingsReceived >= 3 && connection.PongsReceived >= 1));
        connection.SendText("alive"u8);

        Assert.That(Encoding.UTF8.GetString((await pending).Payload), Is.EqualTo("alive"));
        Assert.That(client.State, Is.EqualTo(WebSocketState.Open));
    }

    [Test]
    public async Task Server_close_carries_code_and_reason()
    {
        using var server = new WebSocketServer(0, Options);
        var accept = server.AcceptAsync();
        using var client = new ClientWebSocket();
        await client.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), default);
        using var connection = await accept;
        var pending = client.ReceiveAsync(new byte[64], default);

        var closed = Task.Run(() => connection.Close(WebSocketCloseCode.GoingAway, "restart"u8, TimeSpan.FromSeconds(5)));
        var result = await pending;
        Assert.That(result.MessageType, Is.EqualTo(WebSocketMessageType.Close));
        Assert.That((client.CloseStatus, client.CloseStatusDescription), Is.EqualTo(((WebSocketCloseStatus?)WebSocketCloseStatus.EndpointUnavailable, (string?)"restart")));
        await client.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, null, default);

        Assert.That(await closed, Is.True);
        Assert.That(connection.State, Is.EqualTo(WebSocketConnectionState.Closed));
        Assert.That(connection.CloseStatus, Is.EqualTo(WebSocketCloseCode.GoingAway));
    }

    [Test]
    public async Task Oversized_message_closes_with_1009()
    {
        using var server = new WebSocketServer(0, new WebSocketOptions { MaxMessageSize = 1024 });
        var echo = EchoInBackground(server);
        using var client = await ConnectAsync(server);

        await client.SendAsync(new byte[2000], WebSocketMessageType.Binary, true, default);
        var result = await client.ReceiveAsync(new byte[64], default);

        Assert.That(result.MessageType, Is.EqualTo(WebSocketMessageType.Close));
        Assert.That(client.CloseStatus, Is.EqualTo(WebSocketCloseStatus.MessageTooBig));
        var (connection, recording) = await echo;
        Assert.That(recording.CloseStatus, Is.EqualTo(WebSocketCloseCode.MessageTooBig));
        Assert.That(connection.OversizedMessages, Is.EqualTo(1));
        connection.Dispose();
    }

    /// <summary>Accepts one client and echoes on a dedicated thread until the connection ends.</summary>
    private static Task<(WebSocketConnection Connection, Recording Recording)> EchoInBackground(WebSocketServer server) =>
        Task.Run(async () =>
        {
            var connection = await server.AcceptAsync();
            var recording = new Recording();
            var handler = new EchoHandler(connection, recording);
            while (connection.State < WebSocketConnectionState.Closed)
            {
                connection.Poll(ref handler, TimeSpan.FromMilliseconds(20));
            }

            return (connection, recording);
        });

    private static async Task<ClientWebSocket> ConnectAsync(WebSocketServer server)
    {
        var client = new ClientWebSocket();
        await client.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/md?venue=sim"), default);
        return client;
    }

    private static async Task<string> ReceiveTextAsync(ClientWebSocket client)
    {
        var (type, payload) = await ReceiveAsync(client);
        Assert.That(type, Is.EqualTo(WebSocketMessageType.Text));
        return Encoding.UTF8.GetString(payload);
    }

    private static async Task<(WebSocketMessageType Type, byte[] Payload)> ReceiveAsync(ClientWebSocket client)
    {
        var buffer = new byte[2 * 1024 * 1024];
        var (type, length) = await BclServerPeer.ReceiveMessageAsync(client, buffer);
        return (type, buffer.AsSpan(0, length).ToArray());
    }
}
