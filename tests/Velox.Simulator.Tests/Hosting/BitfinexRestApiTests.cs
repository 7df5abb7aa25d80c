using System.Globalization;
using System.Text;
using System.Text.Json;
using Velox.Trading.Journal;
using Velox.Simulator.Hosting;
using Velox.Simulator.Matching;
using Velox.Trading.Credentials;
using Velox.Venues.Bitfinex.Trading;

namespace Velox.Simulator.Tests.Hosting;

/// <summary>
/// The simulator's authenticated REST endpoints over real HTTP on 127.0.0.1: signed requests answer the matching engine's
/// closed orders and trades; a wrong key, signature or nonce is refused the way Bitfinex refuses it (HTTP 500, ["error",code,text]).
/// </summary>
[CancelAfter(30_000)]
public sealed class BitfinexRestApiTests
{
    private static readonly SimAccount Taker = new()
    {
        ApiKey = "taker-key",
        ApiSecret = "taker-secret",
        UserId = 2,
        Balances = new Dictionary<string, string> { ["USD"] = "10000000", ["BTC"] = "100" },
    };

    [Test]
    public async Task Signed_requests_answer_the_closed_order_and_its_trades()
    {
        using var server = Start();
        var engine = server.Simulator!.Engine;
        var sink = new Sink();
        var ask = 70_000_0000000000L;
        engine.Submit(new SimOrderRequest { Account = 0, Instrument = 0, Cid = 77, Amount = -2_000_000, Price = ask, Type = SimOrderType.Limit }, new EmptyBook(), 1_700_000_000_000, sink);
        var orderId = sink.Events.First(e => e.Kind == ExecutionKind.Ack).Order.Id;
        engine.Submit(new SimOrderRequest { Account = 1, Instrument = 0, Amount = 500_000, Price = ask, Type = SimOrderType.Limit }, new EmptyBook(), 1_700_000_000_100, sink);
        engine.Submit(new SimOrderRequest { Account = 1, Instrument = 0, Amount = 1_500_000, Price = ask, Type = SimOrderType.Limit }, new EmptyBook(), 1_700_000_000_200, sink);

        using var http = new HttpClient();
        var client = new BitfinexRestClient(http, server.RestUrl!, new VenueCredentials(SimAccount.Demo.ApiKey, SimAccount.Demo.ApiSecret), new BitfinexNonce(new SystemWallClock()));
        var history = await client.PostAsync(BitfinexRestClient.OrdersHistoryPath("tBTCUSD"), $"{{\"id\":[{orderId}]}}", CancellationToken.None);
        Assert.That(history.IsSuccess, Is.True, history.Error);
        using var orders = JsonDocument.Parse(history.Body);
        Assert.That(orders.RootElement.GetArrayLength(), Is.EqualTo(1));
        var order = orders.RootElement[0];
        Assert.Multiple(() =>
        {
            Assert.That(order[0].GetInt64(), Is.EqualTo(orderId));
            Assert.That(order[2].GetInt64(), Is.EqualTo(77), "CID");
            Assert.That(order[3].GetString(), Is.EqualTo("tBTCUSD"));
            Assert.That(order[6].GetDouble(), Is.Zero, "AMOUNT left");
            Assert.That(order[7].GetDouble(), Is.EqualTo(-0.02), "AMOUNT_ORIG");
            Assert.That(order[13].GetString(), Is.EqualTo("EXECUTED @ 70000.0(-0.015): was PARTIALLY FILLED @ 70000.0(-0.005)"));
            Assert.That(order[17].GetDouble(), Is.EqualTo(70000), "PRICE_AVG");
        });

        var trades = await client.PostAsync(BitfinexRestClient.OrderTradesPath("tBTCUSD", orderId), "{}", CancellationToken.None);
        Assert.That(trades.IsSuccess, Is.True, trades.Error);
        using var list = JsonDocument.Parse(trades.Body);
        Assert.That(list.RootElement.GetArrayLength(), Is.EqualTo(2));
        var amounts = list.RootElement.EnumerateArray().Select(t => t[4].GetDouble()).Order().ToArray();
        Assert.That(amounts, Is.EqualTo(new[] { -0.015, -0.005 }));
        foreach (var trade in list.RootElement.EnumerateArray())
        {
            Assert.That(trade[3].GetInt64(), Is.EqualTo(orderId), "ORDER_ID");
            Assert.That(trade[5].GetDouble(), Is.EqualTo(70000), "EXEC_PRICE");
            Assert.That(trade[8].GetInt32(), Is.EqualTo(1), "maker");
            Assert.That(trade[9].GetDouble(), Is.EqualTo(-70000 * -trade[4].GetDouble() * 0.001).Within(1e-9), "maker fee 10 bps in USD");
            Assert.That(trade[10].GetString(), Is.EqualTo("USD"));
            Assert.That(trade[11].GetInt64(), Is.EqualTo(77), "CID");
        }

        var open = await client.PostAsync(BitfinexRestClient.OrdersHistoryPath("tETHUSD"), "{}", CancellationToken.None);
        Assert.That(Encoding.UTF8.GetString(open.Body!), Is.EqualTo("[]"), "no closed ETH orders");
        Assert.That(server.RestApi!.Answered, Is.EqualTo(3));
    }

    [Test]
    public async Task Bad_key_signature_or_nonce_is_refused_with_the_venue_error_array()
    {
        using var server = Start();
        using var http = new HttpClient();
        var path = BitfinexRestClient.OrdersHistoryPath("tBTCUSD");
        var secret = Encoding.UTF8.GetBytes(SimAccount.Demo.ApiSecret);
        var nonce = 1_800_000_000_000_000L;

        var (status, body) = await Post(http, server, path, "{}", "no-such-key", nonce, BitfinexRestClient.Sign(secret, path, nonce, "{}"));
        Assert.That((status, body), Is.EqualTo((500, "[\"error\",10100,\"apikey: invalid\"]")));

        (status, body) = await Post(http, server, path, "{}", SimAccount.Demo.ApiKey, nonce, BitfinexRestClient.Sign("wrong"u8, path, nonce, "{}"));
        Assert.That((status, body), Is.EqualTo((500, "[\"error\",10100,\"apikey: digest invalid\"]")));

        (status, body) = await Post(http, server, path, "{}", SimAccount.Demo.ApiKey, nonce, BitfinexRestClient.Sign(secret, path, nonce, "{\"id\":[1]}"));
        Assert.That(status, Is.EqualTo(500), "the body is signed too");

        (status, body) = await Post(http, server, path, "{}", SimAccount.Demo.ApiKey, nonce, BitfinexRestClient.Sign(secret, path, nonce, "{}"));
        Assert.That((status, body), Is.EqualTo((200, "[]")));

        (status, body) = await Post(http, server, path, "{}", SimAccount.Demo.ApiKey, nonce, BitfinexRestClient.Sign(secret, path, nonce, "{}"));
        Assert.That((status, body), Is.EqualTo((500, "[\"error\",10114,\"nonce: small\"]")), "a replayed nonce");

        (status, body) = await Post(http, server, path, "{\"id\":\"x\"}", SimAccount.Demo.ApiKey, nonce + 1, BitfinexRestClient.Sign(secret, path, nonce + 1, "{\"id\":\"x\"}"));
        Assert.That((status, body), Is.EqualTo((500, "[\"error\",10020,\"body: invalid\"]")));

        using var get = await http.GetAsync(new Uri(server.RestUrl!, path));
        Assert.That((int)get.StatusCode, Is.EqualTo(405));
        Assert.That(get.ReasonPhrase, Is.EqualTo("Method Not Allowed"));
        Assert.That(server.RestApi!.RefusedAuth, Is.EqualTo(4));

        var client = new BitfinexRestClient(http, server.RestUrl!, new VenueCredentials(SimAccount.Demo.ApiKey, "not-the-secret"), new BitfinexNonce(new SystemWallClock()));
        var refused = await client.PostAsync(path, "{}", CancellationToken.None);
        Assert.That(refused.IsSuccess, Is.False);
        Assert.That(refused.Error, Does.Contain("HTTP 500").And.Contain("error 10100"));
    }

    private static BitfinexSimulatorServer Start()
    {
        var server = new BitfinexSimulatorServer(new SimulatorOptions { Seed = 5, EventsPerSecond = 20, Accounts = [SimAccount.Demo, Taker] });
        server.Start();
        return server;
    }

    private static async Task<(int Status, string Body)> Post(HttpClient http, BitfinexSimulatorServer server, string path, string body, string key, long nonce, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.RestUrl!, path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("bfx-apikey", key);
        request.Headers.TryAddWithoutValidation("bfx-nonce", nonce.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("bfx-signature", signature);
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private sealed class Sink : IExecutionSink
    {
        public List<ExecutionEvent> Events { get; } = [];

        public void Enqueue(in ExecutionEvent e) => Events.Add(e);
    }

    private sealed class EmptyBook : ISyntheticLiquidity
    {
        public int Depth(int instrument, bool bids) => 0;

        public Velox.MarketData.BookLevel Level(int instrument, bool bids, int index) => default;

        public void Consume(int instrument, bool bids, long size, long tradePrice, bool takerBuys, long mts)
        {
        }
    }
}
