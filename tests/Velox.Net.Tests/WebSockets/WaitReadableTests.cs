using System.Diagnostics;
using Velox.Net.WebSockets;

namespace Velox.Net.Tests.WebSockets;

/// <summary>WaitReadable: an idle loop's wait that ends when the peer's bytes arrive, not when the timeout runs out.</summary>
[CancelAfter(30_000)]
public sealed class WaitReadableTests
{
    [Test]
    public async Task Returns_when_a_message_arrives_long_before_the_timeout()
    {
        using var server = new WebSocketServer();
        var accept = server.AcceptAsync();
        using var client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"));
        using var serverSide = await accept;

        var send = Task.Run(async () =>
        {
            await Task.Delay(100);
            return client.SendText("wake"u8);
        });
        var clock = Stopwatch.StartNew();
        serverSide.WaitReadable(TimeSpan.FromSeconds(20));
        clock.Stop();

        Assert.That(await send, Is.True);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "woke on the data, not at the 20 s timeout");
        var recording = new Recording();
        var handler = new RecordingHandler(recording);
        Assert.That(serverSide.Poll(ref handler), Is.GreaterThan(0), "the bytes were there to read without waiting");
        Assert.That(recording.Text(0), Is.EqualTo("wake"));
    }

    [Test]
    public async Task Waits_about_the_timeout_when_nothing_arrives_and_not_at_all_once_closed()
    {
        using var server = new WebSocketServer();
        var accept = server.AcceptAsync();
        using var client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"));
        using var serverSide = await accept;

        var clock = Stopwatch.StartNew();
        serverSide.WaitReadable(TimeSpan.FromMilliseconds(200));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150)), "an idle socket waits for the timeout");

        serverSide.Dispose();
        clock.Restart();
        serverSide.WaitReadable(TimeSpan.FromSeconds(20));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "a closed connection does not wait");
    }
}
