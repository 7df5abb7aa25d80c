using System.Text;
using Velox.Net.WebSockets;
using Velox.Simulator.Hosting;
using Velox.Simulator.Tests.OrderEntry;

namespace Velox.Simulator.Tests.Hosting;

[CancelAfter(30_000)]
public class OrderEntryServerTests
{
    [Test]
    public async Task RawOrderFrames_OverTheVeloxClient_PlaceFillAndSurviveAReconnect()
    {
        using var server = new BitfinexSimulatorServer(new SimulatorOptions { Seed = 9, EventsPerSecond = 50 });
        server.Start();
        var nonce = 1_700_000_000_000_000L;

        using (var first = await WebSocketClient.ConnectAsync(server.Url))
        {
            var frames = new Collected();
            Assert.That(first.SendText(Encoding.UTF8.GetBytes(TradingDriver.AuthMessage(TradingDriver.Key, TradingDriver.Secret, ++nonce))), Is.True);
            WaitFor(first, ref frames, f => f.StartsWith("[0,\"os\"", StringComparison.Ordinal));
            Assert.That(frames.All.Any(f => f.StartsWith("{\"event\":\"auth\",\"status\":\"OK\"", StringComparison.Ordinal)), Is.True);

            first.SendText(Encoding.UTF8.GetBytes(TradingDriver.NewOrder("EXCHANGE MARKET", "0.25", cid: 1)));
            WaitFor(first, ref frames, f => f.StartsWith("[0,\"tu\"", StringComparison.Ordinal));
            Assert.That(frames.All.Count(f => f.StartsWith("[0,\"n\"", StringComparison.Ordinal) && f.Contains("\"SUCCESS\"", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(frames.All.Any(f => f.StartsWith("[0,\"oc\"", StringComparison.Ordinal) && f.Contains("EXECUTED @", StringComparison.Ordinal)), Is.True);

            first.SendText(Encoding.UTF8.GetBytes(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", "1000", cid: 2)));
            WaitFor(first, ref frames, f => f.StartsWith("[0,\"on\"", StringComparison.Ordinal));
            first.Close(WebSocketCloseCode.NormalClosure, default, TimeSpan.FromSeconds(2));
        }

        using var second = await WebSocketClient.ConnectAsync(server.Url);
        var again = new Collected();
        second.SendText(Encoding.UTF8.GetBytes(TradingDriver.AuthMessage(TradingDriver.Key, TradingDriver.Secret, ++nonce)));
        var os = WaitFor(second, ref again, f => f.StartsWith("[0,\"os\"", StringComparison.Ordinal));
        Assert.That(TradingDriver.Body(os).GetArrayLength(), Is.EqualTo(1), "the resting order outlived its connection (no dms)");
        Assert.That(TradingDriver.Body(os)[0][2].GetInt64(), Is.EqualTo(2));
        var ws = again.All.Single(f => f.StartsWith("[0,\"ws\"", StringComparison.Ordinal));
        Assert.That(TradingDriver.Body(ws)[0][2].GetDouble(), Is.GreaterThan(10.2), "the bought BTC is in the shared wallet");
    }

    private static string WaitFor(WebSocketConnection connection, ref Collected frames, Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var from = frames.All.Count;
            connection.Poll(ref frames, TimeSpan.FromMilliseconds(100));
            for (var i = from; i < frames.All.Count; i++)
            {
                if (match(frames.All[i]))
                {
                    return frames.All[i];
                }
            }

            Assert.That(connection.State, Is.EqualTo(WebSocketConnectionState.Open));
        }

        Assert.Fail("expected frame not received");
        return "";
    }

    private struct Collected : IWebSocketHandler
    {
        public Collected()
        {
        }

        public List<string> All { get; } = [];

        public readonly void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp) => All.Add(Encoding.UTF8.GetString(payload));

        public readonly void OnClose(int closeStatus, ReadOnlySpan<byte> reason)
        {
        }
    }
}
