using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Simulator.Market;
using Velox.Simulator.Replay;

namespace Velox.Simulator.Tests.Hosting;

public class BitfinexSimulatorServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Test]
    public async Task ClientWebSocket_GetsSnapshotUpdatesAndValidChecksums()
    {
        using var server = new BitfinexSimulatorServer(new SimulatorOptions { Seed = 3, EventsPerSecond = 2000 });
        server.Start();
        using var client = new ClientWebSocket();
        using var cts = new CancellationTokenSource(Timeout);
        await client.ConnectAsync(server.Url, cts.Token);

        Assert.That(Frames.EventName(await Receive(client, cts.Token)), Is.EqualTo("info"));
        await Send(client, "{\"event\":\"conf\",\"flags\":196608}", cts.Token);
        await Send(client, "{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}", cts.Token);
        Assert.That(Frames.EventName(await Receive(client, cts.Token)), Is.EqualTo("conf"));
        var subscribed = await Receive(client, cts.Token);
        var chanId = Frames.ChanIdOf(subscribed);

        var book = new WireBook(SimInstrumentSpec.DefaultPriceScale, SimInstrumentSpec.DefaultSizeScale);
        book.ApplySnapshot(Frames.Parse(await Receive(client, cts.Token))[1]);
        Assert.That(book.BidCount, Is.EqualTo(25));
        Assert.That(book.AskCount, Is.EqualTo(25));

        var updates = 0;
        var checksums = 0;
        long lastSeq = 1;
        while (checksums < 200)
        {
            var frame = await Receive(client, cts.Token);
            var root = Frames.Parse(frame);
            Assert.That(root[0].GetInt32(), Is.EqualTo(chanId));
            var seq = root[root.GetArrayLength() - 1].GetInt64();
            Assert.That(seq, Is.EqualTo(lastSeq + 1), "contiguous SEQ_ALL numbers");
            lastSeq = seq;
            if (root[1].ValueKind == JsonValueKind.Array)
            {
                book.Apply(root[1]);
                updates++;
            }
            else if (root[1].GetString() == "cs")
            {
                Assert.That(root[2].GetInt32(), Is.EqualTo(book.FixedPointChecksum()));
                Assert.That(root[2].GetInt32(), Is.EqualTo(book.WireTextChecksum()));
                checksums++;
            }
        }

        Assert.That(updates, Is.GreaterThanOrEqualTo(200));
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
    }

    [Test]
    public async Task DisconnectFault_DropsTheClientWithoutACloseFrame()
    {
        var options = new SimulatorOptions { Faults = new FaultSchedule([new ScheduledFault(200, FaultKind.Disconnect)]) };
        using var server = new BitfinexSimulatorServer(options);
        server.Start();
        using var client = new ClientWebSocket();
        using var cts = new CancellationTokenSource(Timeout);
        await client.ConnectAsync(server.Url, cts.Token);
        await Send(client, "{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"tETHUSD\"}", cts.Token);
        var buffer = new byte[64 * 1024];
        var ended = false;
        while (!ended)
        {
            try
            {
                var result = await client.ReceiveAsync(buffer, cts.Token);
                Assert.That(result.MessageType, Is.Not.EqualTo(WebSocketMessageType.Close), "no close handshake");
            }
            catch (WebSocketException)
            {
                ended = true;
            }
        }

        Assert.That(client.State, Is.EqualTo(WebSocketState.Aborted).Or.EqualTo(WebSocketState.Closed));
    }

    [Test]
    public async Task InjectFault_ReachesLiveClients()
    {
        using var server = new BitfinexSimulatorServer(new SimulatorOptions());
        server.Start();
        using var client = new ClientWebSocket();
        using var cts = new CancellationTokenSource(Timeout);
        await client.ConnectAsync(server.Url, cts.Token);
        Assert.That(Frames.EventName(await Receive(client, cts.Token)), Is.EqualTo("info"));
        while (server.InjectFault(FaultKind.MaintenanceStart) == 0)
        {
            await Task.Delay(5, cts.Token);
        }

        var info = Frames.Parse(await Receive(client, cts.Token));
        Assert.That(info.GetProperty("code").GetInt32(), Is.EqualTo(20060));
    }

    [Test]
    public async Task Replay_SendsTheRecordedFramesAsIs()
    {
        const string Capture = "1.0: {\"event\":\"info\",\"version\":2}\n1.001: [17,[7e-7,1,-3.5e-7]]\n1.002: [17,\"hb\"]\n";
        using var server = BitfinexSimulatorServer.ForReplay(() => Replay.CaptureReplayTests.FromText(Capture), ReplayPace.Recorded);
        server.Start();
        using var client = new ClientWebSocket();
        using var cts = new CancellationTokenSource(Timeout);
        await client.ConnectAsync(server.Url, cts.Token);
        Assert.That(await Receive(client, cts.Token), Is.EqualTo("{\"event\":\"info\",\"version\":2}"));
        Assert.That(await Receive(client, cts.Token), Is.EqualTo("[17,[7e-7,1,-3.5e-7]]"));
        Assert.That(await Receive(client, cts.Token), Is.EqualTo("[17,\"hb\"]"));
    }

    [Test]
    public async Task Unthrottled_LoopbackThroughputIsReported()
    {
        using var server = new BitfinexSimulatorServer(new SimulatorOptions { Seed = 4, EventsPerSecond = 0 });
        server.Start();
        using var client = new ClientWebSocket();
        using var cts = new CancellationTokenSource(Timeout);
        await client.ConnectAsync(server.Url, cts.Token);
        await Send(client, "{\"event\":\"conf\",\"flags\":196608}", cts.Token);
        await Send(client, "{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"len\":\"25\"}", cts.Token);
        var buffer = new byte[64 * 1024];
        var frames = 0L;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < 1_000)
        {
            var result = await client.ReceiveAsync(buffer, cts.Token);
            frames += result.EndOfMessage ? 1 : 0;
        }

        var rate = frames / watch.Elapsed.TotalSeconds;
        await TestContext.Out.WriteLineAsync($"{rate:N0} frames/s over ws://127.0.0.1 (book 25, SEQ_ALL + OB_CHECKSUM, BCL ClientWebSocket receiver)");
        Assert.That(rate, Is.GreaterThan(1_000));
    }

    private static Task Send(ClientWebSocket client, string text, CancellationToken ct) =>
        client.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, ct);

    private static async Task<string> Receive(ClientWebSocket client, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var result = await client.ReceiveAsync(buffer.AsMemory(length), ct);
            Assert.That(result.MessageType, Is.EqualTo(WebSocketMessageType.Text));
            length += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
    }
}
