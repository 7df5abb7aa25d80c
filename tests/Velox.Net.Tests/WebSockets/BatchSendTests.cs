using System.Text;
using Velox.Core.Time;
using Velox.Net.WebSockets;

namespace Velox.Net.Tests.WebSockets;

/// <summary>BeginBatch/EndBatch: a burst of messages leaves in one write, in order, and the batch path allocates nothing.</summary>
[CancelAfter(30_000)]
public sealed class BatchSendTests
{
    [Test]
    public async Task A_batch_arrives_in_order_in_one_read_and_nothing_before_EndBatch()
    {
        using var server = new WebSocketServer();
        var accept = server.AcceptAsync();
        using var client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"));
        using var serverSide = await accept;
        var recording = new Recording();

        client.BeginBatch();
        for (var i = 0; i < 5; i++)
        {
            Assert.That(client.SendText(Encoding.UTF8.GetBytes($"[0,\"oc\",null,{{\"id\":{i}}}]")), Is.True);
        }

        var handler = new RecordingHandler(recording);
        serverSide.Poll(ref handler, TimeSpan.FromMilliseconds(100));
        Assert.That(recording.Messages, Is.Empty, "nothing is written before EndBatch");
        Assert.That(client.EndBatch(), Is.True);

        recording.PollUntilMessages(serverSide, 5);
        Assert.That(Enumerable.Range(0, 5).Select(recording.Text), Is.EqualTo(Enumerable.Range(0, 5).Select(i => $"[0,\"oc\",null,{{\"id\":{i}}}]")));
        Assert.That(recording.Messages.Select(m => m.Timestamp).Distinct().Count(), Is.EqualTo(1), "one write: the five frames came in one read");
        Assert.That(client.MessagesSent, Is.EqualTo(5));
    }

    [Test]
    public async Task A_message_larger_than_the_room_left_writes_the_batch_first_and_order_is_kept()
    {
        using var server = new WebSocketServer();
        var accept = server.AcceptAsync();
        using var client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"), new WebSocketClientOptions { SendBufferSize = 1024 });
        using var serverSide = await accept;
        var recording = new Recording();
        var big = new string('x', 3000);

        client.BeginBatch();
        Assert.That(client.SendText("first"u8), Is.True);
        Assert.That(client.SendText(Encoding.UTF8.GetBytes(big)), Is.True);
        recording.PollUntilMessages(serverSide, 2);
        Assert.That(recording.Text(0), Is.EqualTo("first"), "the message that did not fit wrote the batch before itself, before EndBatch");

        Assert.That(client.SendText("last"u8), Is.True);
        Assert.That(client.SendPing("p"u8), Is.True);
        recording.PollUntilMessages(serverSide, 3);
        Assert.That(recording.Text(2), Is.EqualTo("last"), "a control frame wrote the batch before itself, before EndBatch");
        Assert.That(client.EndBatch(), Is.True);

        Assert.That(recording.Text(0), Is.EqualTo("first"));
        Assert.That(recording.Text(1), Is.EqualTo(big));
        Assert.That(recording.Text(2), Is.EqualTo("last"));
    }

    [Test]
    public async Task Batched_sends_allocate_nothing()
    {
        using var server = new WebSocketServer();
        var accept = server.AcceptAsync();
        using var client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/"));
        using var serverSide = await accept;
        const int Batches = 2_000;
        var drain = Task.Run(() =>
        {
            var handler = new CountingHandler();
            var deadline = MonotonicClock.Now() + 20_000_000_000L;
            while (handler.Messages < 2 * 4 * Batches && serverSide.State == WebSocketConnectionState.Open && MonotonicClock.Now() < deadline)
            {
                serverSide.Poll(ref handler);
            }

            return handler.Messages;
        });
        var message = "[0,\"on\",null,{\"cid\":1,\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.01\",\"price\":\"64000\"}]"u8;
        SendBatches(client, message, Batches);
        var before = GC.GetAllocatedBytesForCurrentThread();
        SendBatches(client, message, Batches);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(await drain, Is.EqualTo(2 * 4 * Batches));
        Assert.That(allocated, Is.Zero);
    }

    private static void SendBatches(WebSocketConnection client, ReadOnlySpan<byte> message, int batches)
    {
        for (var b = 0; b < batches; b++)
        {
            client.BeginBatch();
            for (var i = 0; i < 4; i++)
            {
                client.SendText(message);
            }

            client.EndBatch();
        }
    }

    private struct CountingHandler : IWebSocketHandler
    {
        public int Messages;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp) => Messages++;

        public readonly void OnClose(int closeStatus, ReadOnlySpan<byte> reason)
        {
        }
    }
}
