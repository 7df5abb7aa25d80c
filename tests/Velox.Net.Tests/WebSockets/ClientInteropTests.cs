using System.Net.WebSockets;
using Velox.Net.WebSockets;

namespace Velox.Net.Tests.WebSockets;

/// <summary>Our client against the BCL's server-side WebSocket.</summary>
[CancelAfter(20_000)]
public sealed class ClientInteropTests
{
    private static readonly WebSocketClientOptions Options = new() { MaxMessageSize = 2 * 1024 * 1024 };

    [Test]
    public async Task Echoes_text_and_binary()
    {
        await using var peer = BclServerPeer.Start(BclServerPeer.EchoAsync);
        using var client = await ConnectAsync(peer);
        var recording = new Recording();
        var binary = new byte[1000];
        new Random(1).NextBytes(binary);

        Assert.That(client.SendText("héllo"u8), Is.True);
        Assert.That(client.SendBinary(binary), Is.True);
        recording.PollUntilMessages(client, 2);

        Assert.That(recording.Text(0), Is.EqualTo("héllo"));
        Assert.That(recording.Messages[0].IsText, Is.True);
        Assert.That(recording.Messages[1].Payload, Is.EqualTo(binary));
        Assert.That(recording.Messages[1].IsText, Is.False);
        Assert.That(recording.Messages[1].Timestamp, Is.GreaterThan(0));
        Assert.That(client.MessagesReceived, Is.EqualTo(2));
        Assert.That(client.MessagesSent, Is.EqualTo(2));
        Assert.That(client.Close(WebSocketCloseCode.NormalClosure, "bye"u8, TimeSpan.FromSeconds(5)), Is.True);
        await peer.Completion;
    }

    [Test]
    public async Task Reassembles_fragments_the_BCL_server_sends()
    {
        await using var peer = BclServerPeer.Start(async socket =>
        {
            await socket.SendAsync("Hel"u8.ToArray(), WebSocketMessageType.Text, false, default);
            await socket.SendAsync("lo"u8.ToArray(), WebSocketMessageType.Text, false, default);
            await socket.SendAsync(" world"u8.ToArray(), WebSocketMessageType.Text, true, default);
            await socket.SendAsync(new byte[] { 1, 2 }, WebSocketMessageType.Binary, false, default);
            await socket.SendAsync(new byte[] { 3 }, WebSocketMessageType.Binary, true, default);
            await BclServerPeer.EchoAsync(socket);
        });
        using var client = await ConnectAsync(peer);
        var recording = new Recording();

        recording.PollUntilMessages(client, 2);

        Assert.That(recording.Text(0), Is.EqualTo("Hello world"));
        Assert.That(recording.Messages[1].Payload, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(recording.Messages[1].IsText, Is.False);
        client.Close(WebSocketCloseCode.NormalClosure, default, TimeSpan.FromSeconds(5));
    }

    [Test]
    public async Task Sends_fragments_the_BCL_server_reassembles()
    {
        await using var peer = BclServerPeer.Start(BclServerPeer.EchoAsync);
        using var client = await ConnectAsync(peer);
        var recording = new Recording();

        Assert.That(client.SendFragment(WebSocketOpcode.Text, "Hel"u8, fin: false), Is.True);
        Assert.That(client.SendPing("between"u8), Is.True);
        Assert.That(client.SendFragment(WebSocketOpcode.Continuation, "lo"u8, fin: true), Is.True);
        recording.PollUntilMessages(client, 1);

        Assert.That(recording.Text(0), Is.EqualTo("Hello"));
        client.Close(WebSocketCloseCode.NormalClosure, default, TimeSpan.FromSeconds(5));
    }

    [Test]
    public async Task Echoes_one_MiB()
    {
        await using var peer = BclServerPeer.Start(BclServerPeer.EchoAsync);
        using var client = await ConnectAsync(peer);
        var recording = new Recording();
        var payload = new byte[1024 * 1024];
        new Random(2).NextBytes(payload);

        Assert.That(client.SendBinary(payload), Is.True);
        recording.PollUntilMessages(client, 1);

        Assert.That(recording.Messages[0].Payload.AsSpan().SequenceEqual(payload), Is.True);
        client.Close(WebSocketCloseCode.NormalClosure, default, TimeSpan.FromSeconds(5));
    }

    [Test]
    public async Task Answers_BCL_keep_alive_pings_and_gets_pongs_for_its_own()
    {
        var options = new WebSocketCreationOptions
        {
            IsServer = true,
            KeepAliveInterval = TimeSpan.FromMilliseconds(50),
            KeepAliveTimeout = TimeSpan.FromSeconds(5),
        };
        await using var peer = BclServerPeer.Start(BclServerPeer.EchoAsync, options);
        using var client = await ConnectAsync(peer);
        var recording = new Recording();

        Assert.That(client.SendPing("are you there"u8), Is.True);
        recording.PollUntil(client, _ => client.PongsReceived >= 1 && client.PingsReceived >= 3);
        client.SendText("still open"u8);
        recording.PollUntilMessages(client, 1);

        Assert.That(recording.Text(0), Is.EqualTo("still open"));
        Assert.That(client.State, Is.EqualTo(WebSocketConnectionState.Open));
        Assert.That(client.Close(WebSocketCloseCode.NormalClosure, default, TimeSpan.FromSeconds(5)), Is.True);
    }

    [Test]
    public async Task Client_close_carries_code_and_reason()
    {
        var seen = new TaskCompletionSource<(WebSocketCloseStatus?, string?)>();
        await using var peer = BclServerPeer.Start(async socket =>
        {
            var (type, _) = await BclServerPeer.ReceiveMessageAsync(socket, new byte[256]);
            seen.SetResult((socket.CloseStatus, socket.CloseStatusDescription));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "ack", default);
        });
        using var client = await ConnectAsync(peer);

        Assert.That(client.Close(WebSocketCloseCode.GoingAway, "shutting down"u8, TimeSpan.FromSeconds(5)), Is.True);

        Assert.That(await seen.Task, Is.EqualTo(((WebSocketCloseStatus?)WebSocketCloseStatus.EndpointUnavailable, (string?)"shutting down")));
        Assert.That(client.State, Is.EqualTo(WebSocketConnectionState.Closed));
    }

    [Test]
    public async Task Server_close_is_reported_and_echoed()
    {
        await using var peer = BclServerPeer.Start(async socket =>
            await socket.CloseAsync((WebSocketCloseStatus)4001, "maintenance", default));
        using var client = await ConnectAsync(peer);
        var recording = new Recording();

        recording.PollUntilClosed(client);

        Assert.That((recording.CloseStatus, recording.CloseReason), Is.EqualTo((4001, "maintenance")));
        Assert.That(client.State, Is.EqualTo(WebSocketConnectionState.Closed));
        await peer.Completion;
    }

    [Test]
    public async Task Oversized_message_closes_with_1009()
    {
        var seen = new TaskCompletionSource<WebSocketCloseStatus?>();
        await using var peer = BclServerPeer.Start(async socket =>
        {
            await socket.SendAsync(new byte[5000], WebSocketMessageType.Binary, true, default);
            await BclServerPeer.ReceiveMessageAsync(socket, new byte[256]);
            seen.SetResult(socket.CloseStatus);
        });
        using var client = await WebSocketClient.ConnectAsync(Uri(peer), new WebSocketClientOptions { MaxMessageSize = 4096 });
        var recording = new Recording();

        recording.PollUntilClosed(client);

        Assert.That(recording.CloseStatus, Is.EqualTo(WebSocketCloseCode.MessageTooBig));
        Assert.That(client.OversizedMessages, Is.EqualTo(1));
        Assert.That(await seen.Task, Is.EqualTo((WebSocketCloseStatus?)WebSocketCloseStatus.MessageTooBig));
    }

    [Test]
    public async Task Peer_vanishing_is_an_abnormal_closure()
    {
        await using var peer = BclServerPeer.Start(socket =>
        {
            socket.Abort();
            return Task.CompletedTask;
        });
        using var client = await ConnectAsync(peer);
        var recording = new Recording();

        recording.PollUntilClosed(client);

        Assert.That(recording.CloseStatus, Is.EqualTo(WebSocketCloseCode.AbnormalClosure));
        Assert.That(client.State, Is.EqualTo(WebSocketConnectionState.Aborted));
        Assert.That(client.SendText("x"u8), Is.False);
    }

    private static Uri Uri(BclServerPeer peer) => new($"ws://127.0.0.1:{peer.Port}/feed");

    private static Task<WebSocketConnection> ConnectAsync(BclServerPeer peer) => WebSocketClient.ConnectAsync(Uri(peer), Options);
}
