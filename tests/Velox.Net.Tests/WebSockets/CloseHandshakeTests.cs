using System.Diagnostics;
using Velox.Net.WebSockets;

namespace Velox.Net.Tests.WebSockets;

[CancelAfter(20_000)]
public sealed class CloseHandshakeTests
{
    [Test]
    public async Task Close_gives_up_after_the_timeout_when_the_peer_stays_silent()
    {
        using var server = new WebSocketServer();
        var accept = server.AcceptAsync();
        using var raw = await RawClient.ConnectAsync(server.Port);
        using var connection = await accept;
        raw.ReadResponse();
        var clock = Stopwatch.StartNew();

        Assert.That(connection.Close(WebSocketCloseCode.NormalClosure, "bye"u8, TimeSpan.FromMilliseconds(200)), Is.False);

        Assert.That(clock.ElapsedMilliseconds, Is.InRange(150, 3000));
        Assert.That(connection.State, Is.EqualTo(WebSocketConnectionState.CloseSent));
        Assert.That(raw.ReadCloseCode(), Is.EqualTo(WebSocketCloseCode.NormalClosure));
        Assert.That(connection.SendText("after close"u8), Is.False);
        Assert.That(connection.SendClose(WebSocketCloseCode.NormalClosure, default), Is.False);
    }

    [Test]
    public async Task A_violation_after_our_close_sends_no_second_close_frame()
    {
        using var server = new WebSocketServer();
        var accept = server.AcceptAsync();
        using var raw = await RawClient.ConnectAsync(server.Port);
        using var connection = await accept;
        raw.ReadResponse();
        var recording = new Recording();

        Assert.That(connection.SendClose(WebSocketCloseCode.GoingAway, default), Is.True);
        raw.Send(RawClient.Frame(0x81, "Hello"u8, masked: false));
        recording.PollUntilClosed(connection);

        Assert.That(recording.CloseStatus, Is.EqualTo(WebSocketCloseCode.ProtocolError));
        Assert.That(raw.ReadCloseCode(), Is.EqualTo(WebSocketCloseCode.GoingAway));
        Assert.That(raw.ReadCloseCode(), Is.EqualTo(-1), "the server shut down its side after one close frame");
    }

    [Test]
    public async Task Invalid_close_requests_are_refused_without_sending()
    {
        using var server = new WebSocketServer();
        var accept = server.AcceptAsync();
        using var raw = await RawClient.ConnectAsync(server.Port);
        using var connection = await accept;

        Assert.That(connection.SendClose(WebSocketCloseCode.NoStatusReceived, default), Is.False);
        Assert.That(connection.SendClose(WebSocketCloseCode.NormalClosure, new byte[124]), Is.False);
        Assert.That(connection.SendPing(new byte[126]), Is.False);
        Assert.That(connection.State, Is.EqualTo(WebSocketConnectionState.Open));
    }
}
