using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Velox.Core;
using Velox.Net.WebSockets;
using Velox.Trading.Orders;
using Velox.Venues.Binance.Trading;

namespace Velox.Venues.Binance.Tests.Trading;

/// <summary>
/// Order entry over a real WebSocket: a scripted stand-in for the Binance WebSocket API (the repository's
/// WebSocket server) checks each request's signature over its sorted params, answers the user data stream
/// subscription and order.place the way the documentation shows, then pushes executionReport events.
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
    public async Task SubscribePlaceAckAndFillOverAWebSocket()
    {
        using var server = new WebSocketServer();
        var received = new ConcurrentQueue<string>();
        var validSignatures = 0;
        var invalidSignatures = 0;
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
                    if (SignatureIsValid(message))
                    {
                        Interlocked.Increment(ref validSignatures);
                        Answer(peer, message);
                    }
                    else
                    {
                        Interlocked.Increment(ref invalidSignatures);
                    }
                }
            }
        });

        var h = new Harness();
        try
        {
            h.Gateway.Connect(new Uri($"ws://127.0.0.1:{server.Port}/ws-api/v3"));
            Assert.That(h.Gateway.IsLoopback, Is.True);
            Spin(h, () => h.Gateway.State == BinanceGatewayState.Ready);

            var id = h.Place(Side.Bid, "52000.01", "0.002");
            Spin(h, () => h.Order(id).State == OrderState.Filled);

            var order = h.Order(id);
            Assert.That(order.VenueOrderId, Is.EqualTo(12569099453));
            Assert.That(order.Filled.Raw, Is.EqualTo(200_000));
            Assert.That(order.Fees, Is.EqualTo(10_400_002), "0.1% of 52000.01 x 0.002 in USDT, from the two trades' n");
            Assert.That(h.Engine.Positions[h.Btc.Id].Quantity.Raw, Is.EqualTo(200_000));
            Assert.That(h.Engine.Orders.Count(Velox.Trading.Oms.ReportOutcome.DuplicateFill), Is.EqualTo(1), "the repeated trade was dropped");
            Spin(h, () => h.Gateway.Balances.Count == 2);
            Assert.That(Volatile.Read(ref validSignatures), Is.EqualTo(2));
            Assert.That(Volatile.Read(ref invalidSignatures), Is.Zero);
            Assert.That(received.All(m => !m.Contains(Harness.Secret, StringComparison.Ordinal)), Is.True);
        }
        finally
        {
            h.Gateway.Dispose();
            await stop.CancelAsync();
            await script;
        }
    }

    private static void Spin(Harness h, Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!done())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), h.Gateway.LastAuthError ?? h.Gateway.LastVenueError ?? "timed out");
            if (h.Gateway.DoWork() == 0)
            {
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>The documented rule, computed independently: params except signature, sorted by name, name=value joined by &amp;.</summary>
    private static bool SignatureIsValid(string message)
    {
        using var json = JsonDocument.Parse(message);
        var parameters = json.RootElement.GetProperty("params");
        var pairs = parameters.EnumerateObject()
            .Where(p => p.Name != "signature")
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + (p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()));
        var payload = string.Join("&", pairs);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.ASCII.GetBytes(Harness.Secret), Encoding.ASCII.GetBytes(payload)));
        return parameters.GetProperty("signature").GetString() == expected && parameters.GetProperty("apiKey").GetString() == Harness.Key;
    }

    private static void Answer(WebSocketConnection peer, string message)
    {
        using var json = JsonDocument.Parse(message);
        var id = json.RootElement.GetProperty("id").GetString()!;
        var method = json.RootElement.GetProperty("method").GetString();
        if (method == "userDataStream.subscribe.signature")
        {
            Send(peer, "{\"id\":\"" + id + "\",\"status\":200,\"result\":{\"subscriptionId\":0}}");
            return;
        }

        if (method == "order.place")
        {
            var p = json.RootElement.GetProperty("params");
            var clientId = p.GetProperty("newClientOrderId").GetString()!;
            Assert.That(BinanceClientIds.TryParse(Encoding.ASCII.GetBytes(clientId), out var coid, out _), Is.True);
            Send(peer, DocMessages.PlaceAck(coid, 12569099453));
            Send(peer, DocMessages.Execution(clientId, "NEW", "NEW", 12569099453));
            var first = DocMessages.Execution(clientId, "TRADE", "PARTIALLY_FILLED", 12569099453, "0.00100000", "52000.01000000", "0.05200001", "USDT", 901);
            Send(peer, first);
            Send(peer, first);
            Send(peer, DocMessages.Execution(clientId, "TRADE", "FILLED", 12569099453, "0.00100000", "52000.01000000", "0.05200001", "USDT", 902));
            Send(peer, DocMessages.AccountPosition);
        }
    }

    private static void Send(WebSocketConnection peer, string text) => peer.SendText(Encoding.UTF8.GetBytes(text));
}
