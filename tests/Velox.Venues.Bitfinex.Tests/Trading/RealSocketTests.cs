using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Velox.Core;
using Velox.MarketData.Events;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Trading;

namespace Velox.Venues.Bitfinex.Tests.Trading;

/// <summary>
/// Order entry over a real WebSocket: a scripted stand-in for Bitfinex (the repository's WebSocket server)
/// checks the auth signature and answers auth OK, os, n on-req, on, te and tu the way the documentation shows.
/// </summary>
[CancelAfter(30_000)]
public sealed class RealSocketTests
{
    private struct Collect : IWebSocketHandler
    {
        public ConcurrentQueue<string> Messages;

        public readonly void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp) => Messages.Enqueue(Encoding.UTF8.GetString(payload));

        public readonly void OnClose(int code, ReadOnlySpan<byte> reason)
        {
        }
    }

    [Test]
    public async Task AuthOrderAckAndFillsOverAWebSocket()
    {
        using var server = new WebSocketServer();
        var received = new ConcurrentQueue<string>();
        var validSignatures = 0;
        using var stop = new CancellationTokenSource();
        var script = Task.Run(async () =>
        {
            using var peer = await server.AcceptAsync(stop.Token);
            var handler = new Collect { Messages = new ConcurrentQueue<string>() };
            while (!stop.IsCancellationRequested && peer.State == WebSocketConnectionState.Open)
            {
                peer.Poll(ref handler, TimeSpan.FromMilliseconds(20));
                while (handler.Messages.TryDequeue(out var message))
                {
                    received.Enqueue(message);
                    Answer(peer, message, ref validSignatures);
                }
            }
        });

        var h = new GatewayHarness();
        var policy = new ReconnectPolicy(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), ReconnectJitter.Full, new Random(1));
        using var connector = new BitfinexConnector<NullMarketDataHandler>(new Uri($"ws://127.0.0.1:{server.Port}/ws/2"), h.Session, default, policy);
        try
        {
            Spin(connector, () => h.Gateway.State == BitfinexGatewayState.Ready);
            Assert.That(Volatile.Read(ref validSignatures), Is.EqualTo(1));

            var coid = h.Place(Side.Bid, "7804.6", "0.5");
            connector.FlushOutbound();
            Spin(connector, () => h.Order(coid).State == OrderState.Filled);

            var order = h.Order(coid);
            Assert.That(order.VenueOrderId, Is.EqualTo(1185815098));
            Assert.That(order.Filled.Raw, Is.EqualTo(50_000_000));
            Assert.That(order.Fees, Is.EqualTo(390_230_000), "tu before te: its fee, 0.1% of 7804.6 × 0.5 = 3.9023 USD, is booked");
            Assert.That(h.Engine.Positions[h.Btc.Id].Quantity.Raw, Is.EqualTo(50_000_000));
            Assert.That(received, Has.Some.EqualTo(
                $"[0,\"on\",null,{{\"cid\":{BitfinexClientIds.ToCid(coid)},\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.5\",\"price\":\"7804.6\"}}]"));
            Assert.That(h.Engine.Orders.Count(ReportOutcome.DuplicateFill), Is.EqualTo(1));
        }
        finally
        {
            connector.Stop();
            await stop.CancelAsync();
            await script;
        }
    }

    private static void Spin(BitfinexConnector<NullMarketDataHandler> connector, Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!done())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), connector.LastError ?? "timed out");
            if (connector.DoWork() == 0)
            {
                Thread.Sleep(1);
            }
        }
    }

    private static void Answer(WebSocketConnection peer, string message, ref int validSignatures)
    {
        if (message.StartsWith("{\"event\":\"auth\"", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(message);
            var payload = json.RootElement.GetProperty("authPayload").GetString()!;
            using var hmac = new HMACSHA384(Encoding.ASCII.GetBytes(GatewayHarness.Secret));
            var expected = Convert.ToHexStringLower(hmac.ComputeHash(Encoding.ASCII.GetBytes(payload)));
            var ok = json.RootElement.GetProperty("authSig").GetString() == expected
                && payload == "AUTH" + json.RootElement.GetProperty("authNonce").GetString()
                && json.RootElement.GetProperty("apiKey").GetString() == GatewayHarness.Key
                && json.RootElement.GetProperty("dms").GetInt32() == 4;
            if (ok)
            {
                Interlocked.Increment(ref validSignatures);
                Send(peer, DocFrames.AuthOk);
                Send(peer, """[0,"os",[]]""");
            }
            else
            {
                Send(peer, DocFrames.AuthFailed);
            }

            return;
        }

        if (message.StartsWith("[0,\"on\",null,", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(message);
            var cid = json.RootElement[3].GetProperty("cid").GetInt64();
            var order = GatewayHarness.OrderArray(1185815098, cid, "tBTCUSD", "0.5", "0.5", "EXCHANGE LIMIT", "ACTIVE", "7804.6");
            Send(peer, GatewayHarness.Notification("on-req", order, "SUCCESS", "Submitting exchange limit buy order for 0.5 BTC."));
            Send(peer, $"[0,\"on\",{order}]");
            Send(peer, GatewayHarness.Trade("tu", 402088407, "tBTCUSD", 1185815098, "0.5", "7804.6", -1, "-3.9023", "\"USD\"", cid));
            Send(peer, GatewayHarness.Trade("te", 402088407, "tBTCUSD", 1185815098, "0.5", "7804.6", -1, "null", "null", cid));
            Send(peer, $"[0,\"oc\",{GatewayHarness.OrderArray(1185815098, cid, "tBTCUSD", "0", "0.5", "EXCHANGE LIMIT", "EXECUTED @ 7804.6(0.5)", "7804.6")}]");
        }
    }

    private static void Send(WebSocketConnection peer, string text) => peer.SendText(Encoding.UTF8.GetBytes(text));
}
