using System.Text.Json;
using Velox.Core;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Simulator.Venues;
using Velox.Trading.Orders;

namespace Velox.Simulator.Tests.Venues;

/// <summary>The simulated Binance WebSocket API over a real socket: signed requests, executionReports, filters, auth failures and order-entry faults.</summary>
public sealed class BinanceOrderEntryTests
{
    private const long Tick = 1_000_000;

    private static readonly string[] NewThenExpired = ["NEW", "EXPIRED"];

    private static readonly string[] OnlyVx61 = ["vx61"];

    [Test]
    public void RestingLimitIsAcknowledgedReportedAndCancelled()
    {
        using var server = Start();
        using var client = Subscribed(server);
        var bid = BestBid(server);
        client.Place(101, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, bid - (100 * Tick), 1_000_000);
        var ack = client.Response("p101");
        Assert.That(ack.GetProperty("status").GetInt32(), Is.EqualTo(200), ack.GetRawText());
        var orderId = ack.GetProperty("result").GetProperty("orderId").GetInt64();
        Assert.That(ack.GetProperty("result").GetProperty("clientOrderId").GetString(), Is.EqualTo("vx101"));
        var created = client.Execution(e => e.GetProperty("x").GetString() == "NEW" && e.GetProperty("c").GetString() == "vx101", "NEW report");
        Assert.That(created.GetProperty("i").GetInt64(), Is.EqualTo(orderId));
        Assert.That(created.GetProperty("f").GetString(), Is.EqualTo("GTC"));
        Assert.That(server.OrderEntry!.OpenOrderCount(), Is.EqualTo(1));

        client.Cancel(101);
        var cancelled = client.Response("c101");
        Assert.That(cancelled.GetProperty("status").GetInt32(), Is.EqualTo(200), cancelled.GetRawText());
        Assert.That(cancelled.GetProperty("result").GetProperty("status").GetString(), Is.EqualTo("CANCELED"));
        var report = client.Execution(e => e.GetProperty("x").GetString() == "CANCELED", "CANCELED report");
        Assert.That(report.GetProperty("C").GetString(), Is.EqualTo("vx101"), "the original client id is in C, as Binance sends it");
        Assert.That(server.OrderEntry.OpenOrderCount(), Is.Zero);

        client.Cancel(101);
        var second = client.WaitFor(e => e.TryGetProperty("error", out var err) && err.GetProperty("code").GetInt32() == -2011, "-2011 for the second cancel");
        Assert.That(second.GetProperty("id").GetString(), Is.EqualTo("c101"));
        Assert.That(second.GetProperty("error").GetProperty("msg").GetString(), Is.EqualTo("Unknown order sent."));
    }

    [Test]
    public void IocAtTheBestBidTradesWithTheTakerFeeAndShrinksThePublicLevel()
    {
        using var server = Start();
        using var client = Subscribed(server);
        server.Exchange.Pause();
        var (bids, _) = server.Exchange.CopyBook(0);
        var quantity = Math.Min(bids[0].Size, 2_000_000) / 1000 * 1000;
        client.Place(7, Side.Ask, OrderType.Limit, TimeInForce.ImmediateOrCancel, bids[0].Price, quantity);
        var trade = client.Execution(e => e.GetProperty("x").GetString() == "TRADE", "TRADE report");
        Assert.That(trade.GetProperty("X").GetString(), Is.EqualTo("FILLED"));
        Assert.That(BinanceApiClient.Raw(trade.GetProperty("l").GetString()!), Is.EqualTo(quantity));
        Assert.That(BinanceApiClient.Raw(trade.GetProperty("L").GetString()!), Is.EqualTo(bids[0].Price));
        Assert.That(trade.GetProperty("N").GetString(), Is.EqualTo("USDT"), "a sell receives quote, the fee is taken from it");
        var notional = (long)((Int128)quantity * bids[0].Price / 100_000_000);
        Assert.That(BinanceApiClient.Raw(trade.GetProperty("n").GetString()!), Is.EqualTo(notional * 10 / 10_000), "0.1 % taker fee");
        Assert.That(trade.GetProperty("m").GetBoolean(), Is.False);
        Assert.That(trade.GetProperty("t").GetInt64(), Is.GreaterThan(0));
        var (after, _) = server.Exchange.CopyBook(0);
        Assert.That(after[0].Price == bids[0].Price ? after[0].Size : 0, Is.EqualTo(bids[0].Size - quantity), "the taker consumed the public level");
        client.Event(e => e.GetProperty("e").GetString() == "outboundAccountPosition", "balance update");
        Assert.That(server.OrderEntry!.OpenOrderCount(), Is.Zero);
    }

    [Test]
    public void IocBeyondTheBookExpiresWithoutTrading()
    {
        using var server = Start();
        using var client = Subscribed(server);
        var ask = BestAsk(server);
        client.Place(8, Side.Ask, OrderType.Limit, TimeInForce.ImmediateOrCancel, ask + (500 * Tick), 1_000_000);
        client.Execution(e => e.GetProperty("x").GetString() == "EXPIRED" && e.GetProperty("c").GetString() == "vx8", "EXPIRED report");
        Assert.That(client.Reports("vx8").Select(r => r.GetProperty("x").GetString()), Is.EqualTo(NewThenExpired));
    }

    [Test]
    public void CancelReplaceMovesTheOrderUnderANewClientId()
    {
        using var server = Start();
        using var client = Subscribed(server);
        var bid = BestBid(server);
        client.Place(20, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, bid - (200 * Tick), 1_000_000);
        client.Response("p20");
        client.Replace(20, 0, Side.Bid, bid - (300 * Tick), 2_000_000);
        var replaced = client.Response("r20");
        Assert.That(replaced.GetProperty("status").GetInt32(), Is.EqualTo(200), replaced.GetRawText());
        var result = replaced.GetProperty("result");
        Assert.That(result.GetProperty("cancelResult").GetString(), Is.EqualTo("SUCCESS"));
        Assert.That(result.GetProperty("newOrderResponse").GetProperty("clientOrderId").GetString(), Is.EqualTo("vx20r1"));
        client.Execution(e => e.GetProperty("x").GetString() == "CANCELED" && e.GetProperty("C").GetString() == "vx20", "old leg cancelled");
        client.Execution(e => e.GetProperty("x").GetString() == "NEW" && e.GetProperty("c").GetString() == "vx20r1", "new leg");
        var open = server.OrderEntry!.OpenOrders(0, 0);
        Assert.That(open, Has.Count.EqualTo(1));
        Assert.That(open[0].Price, Is.EqualTo(bid - (300 * Tick)));
        Assert.That(open[0].Amount, Is.EqualTo(2_000_000));

        client.Replace(99, 0, Side.Bid, bid - (300 * Tick), 2_000_000);
        var failed = client.Response("r99");
        Assert.That(failed.GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-2022));
        Assert.That(failed.GetProperty("error").GetProperty("data").GetProperty("cancelResult").GetString(), Is.EqualTo("FAILURE"));
    }

    [Test]
    public void CancelAllCancelsEveryOpenOrderOfTheSymbol()
    {
        using var server = Start();
        using var client = Subscribed(server);
        var bid = BestBid(server);
        client.Place(31, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, bid - (200 * Tick), 1_000_000);
        client.Place(32, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, bid - (210 * Tick), 1_000_000);
        client.Response("p31");
        client.Response("p32");
        Assert.That(server.OrderEntry!.OpenOrderCount(), Is.EqualTo(2));
        client.CancelAll();
        var all = client.Response("a0");
        Assert.That(all.GetProperty("status").GetInt32(), Is.EqualTo(200), all.GetRawText());
        Assert.That(all.GetProperty("result").GetArrayLength(), Is.EqualTo(2));
        client.Execution(e => e.GetProperty("x").GetString() == "CANCELED" && e.GetProperty("C").GetString() == "vx31", "31 cancelled");
        client.Execution(e => e.GetProperty("x").GetString() == "CANCELED" && e.GetProperty("C").GetString() == "vx32", "32 cancelled");
        Assert.That(server.OrderEntry.OpenOrderCount(), Is.Zero);
    }

    [Test]
    public void BadSignatureUnknownKeyBadKeyAndOldTimestampAreRejectedTheWayBinanceDoes()
    {
        using var server = Start();
        using (var wrongSecret = new BinanceApiClient(server, secret: "not-the-secret"))
        {
            wrongSecret.Subscribe();
            var error = wrongSecret.Response("s1");
            Assert.That(error.GetProperty("status").GetInt32(), Is.EqualTo(400));
            Assert.That(error.GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-1022));
            Assert.That(error.GetProperty("error").GetProperty("msg").GetString(), Is.EqualTo("Signature for this request is not valid."));
        }

        using (var unknown = new BinanceApiClient(server, key: "no-such-key"))
        {
            unknown.Place(1, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, BestBid(server), 1_000_000);
            var error = unknown.Response("p1");
            Assert.That(error.GetProperty("status").GetInt32(), Is.EqualTo(401));
            Assert.That(error.GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-2015));
        }

        using (var badFormat = new BinanceApiClient(server, key: "has space"))
        {
            badFormat.Subscribe();
            Assert.That(badFormat.Response("s1").GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-2014));
        }

        using (var stale = new BinanceApiClient(server))
        {
            stale.Subscribe(timestamp: BinanceApiClient.Now - 60_000);
            Assert.That(stale.Response("s1").GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-1021));
        }

        Assert.That(server.OrderEntry!.Engine.Requests, Is.Zero, "nothing refused for auth reached the engine");
    }

    [Test]
    public void FilterViolationsAreRejectedWith1013()
    {
        using var server = Start();
        using var client = Subscribed(server);
        var bid = BestBid(server);
        client.Place(41, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, bid - (100 * Tick) + 1, 1_000_000);
        client.Place(42, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, bid - (100 * Tick), 1_000_001);
        client.Place(43, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, bid - (100 * Tick), 1_000);
        Assert.That(Error(client.Response("p41")), Is.EqualTo((-1013, "Filter failure: PRICE_FILTER")));
        Assert.That(Error(client.Response("p42")), Is.EqualTo((-1013, "Filter failure: LOT_SIZE")));
        Assert.That(Error(client.Response("p43")), Is.EqualTo((-1013, "Filter failure: NOTIONAL")));
        Assert.That(server.OrderEntry!.Engine.Requests, Is.Zero);
    }

    [Test]
    public void AccountStatusListsTheDemoBalances()
    {
        using var server = Start();
        using var client = new BinanceApiClient(server);
        client.SendSigned("acct", "account.status", new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["apiKey"] = Simulator.Venues.Binance.BinanceOrderEntry.Demo.ApiKey,
            ["timestamp"] = BinanceApiClient.Now.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var status = client.Response("acct");
        Assert.That(status.GetProperty("status").GetInt32(), Is.EqualTo(200), status.GetRawText());
        var balances = status.GetProperty("result").GetProperty("balances").EnumerateArray().ToDictionary(b => b.GetProperty("asset").GetString()!, b => b.GetProperty("free").GetString());
        Assert.That(balances["USDT"], Is.EqualTo("1000000.00000000"));
        Assert.That(balances["BTC"], Is.EqualTo("10.00000000"));
    }

    [Test]
    public void InjectedRejectLostAckDelayedAckAndDisconnect()
    {
        using var server = Start();
        using var client = Subscribed(server);
        var bid = BestBid(server);

        Assert.That(server.InjectFault(FaultKind.RejectOrder), Is.EqualTo(1));
        client.PumpFor(TimeSpan.FromMilliseconds(50));
        client.Place(51, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, bid - (100 * Tick), 1_000_000);
        Assert.That(Error(client.Response("p51")).Code, Is.EqualTo(-2010));

        server.InjectFault(FaultKind.LoseAck);
        client.PumpFor(TimeSpan.FromMilliseconds(50));
        client.Place(52, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, bid - (100 * Tick), 1_000_000);
        client.Execution(e => e.GetProperty("x").GetString() == "NEW" && e.GetProperty("c").GetString() == "vx52", "NEW of the order whose ack was lost");
        client.PumpFor(TimeSpan.FromMilliseconds(200));
        Assert.That(client.Received.Any(e => e.TryGetProperty("id", out var i) && i.GetString() == "p52"), Is.False, "the response was lost");

        server.InjectFault(FaultKind.DelayAck);
        client.PumpFor(TimeSpan.FromMilliseconds(50));
        var sent = DateTime.UtcNow;
        client.Place(53, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, bid - (100 * Tick), 1_000_000);
        client.Response("p53");
        Assert.That(DateTime.UtcNow - sent, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)));

        server.InjectFault(FaultKind.DisconnectOnOrder);
        client.PumpFor(TimeSpan.FromMilliseconds(50));
        client.Place(54, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, bid - (100 * Tick), 1_000_000);
        var deadline = DateTime.UtcNow + BinanceApiClient.Timeout;
        while (client.IsOpen && DateTime.UtcNow < deadline)
        {
            client.Pump();
            Thread.Sleep(1);
        }

        Assert.That(client.IsOpen, Is.False, "the line dropped after the order");
        Assert.That(client.Received.Any(e => e.TryGetProperty("id", out var i) && i.GetString() == "p54"), Is.False);
    }

    [Test]
    public void OrderStatusAndOpenOrdersStatusReportTheVenueStateEvenForOrdersNobodyHeardOf()
    {
        using var server = Start();
        using var client = Subscribed(server);
        server.Exchange.Pause();
        var (bids, _) = server.Exchange.CopyBook(0);
        client.Place(61, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, bids[0].Price - (100 * Tick), 1_000_000);
        client.Response("p61");

        // An IOC from a connection that never subscribed and is gone before anything is asked: only the venue knows how it ended.
        var quantity = Math.Min(bids[0].Size, 1_000_000) / 1000 * 1000;
        using (var other = new BinanceApiClient(server))
        {
            other.Place(62, Side.Ask, OrderType.Limit, TimeInForce.ImmediateOrCancel, bids[0].Price, quantity);
            Assert.That(other.Response("p62").GetProperty("status").GetInt32(), Is.EqualTo(200));
        }

        client.Status(61);
        var open = client.Response("q61");
        Assert.That(open.GetProperty("status").GetInt32(), Is.EqualTo(200), open.GetRawText());
        var result = open.GetProperty("result");
        Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("NEW"));
        Assert.That(result.GetProperty("clientOrderId").GetString(), Is.EqualTo("vx61"));
        Assert.That(result.GetProperty("executedQty").GetString(), Is.EqualTo("0.00000000"));
        Assert.That(result.GetProperty("isWorking").GetBoolean(), Is.True);

        client.Status(62);
        var filled = client.Response("q62").GetProperty("result");
        Assert.That(filled.GetProperty("status").GetString(), Is.EqualTo("FILLED"));
        Assert.That(BinanceApiClient.Raw(filled.GetProperty("executedQty").GetString()!), Is.EqualTo(quantity));
        Assert.That(
            BinanceApiClient.Raw(filled.GetProperty("cummulativeQuoteQty").GetString()!),
            Is.EqualTo((long)((Int128)quantity * bids[0].Price / 100_000_000)),
            "one trade at the best bid");

        client.Status(63);
        Assert.That(Error(client.Response("q63")), Is.EqualTo((-2013, "Order does not exist.")));

        client.SendSigned("oo", "openOrders.status", new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["apiKey"] = Simulator.Venues.Binance.BinanceOrderEntry.Demo.ApiKey,
            ["symbol"] = "BTCUSDT",
            ["timestamp"] = BinanceApiClient.Now.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var list = client.Response("oo").GetProperty("result").EnumerateArray().Select(o => o.GetProperty("clientOrderId").GetString()).ToList();
        Assert.That(list, Is.EqualTo(OnlyVx61));

        using var wrong = new BinanceApiClient(server, secret: "not-the-secret");
        wrong.Status(61);
        Assert.That(Error(wrong.Response("q61")).Code, Is.EqualTo(-1022), "order.status is signed like the other account requests");
    }

    [Test]
    public void MyTradesListsAnOrdersTradesAsItsExecutionReportsCarriedThem()
    {
        using var server = Start();
        using var client = Subscribed(server);
        server.Exchange.Pause();
        var (bids, _) = server.Exchange.CopyBook(0);
        var quantity = Math.Min(bids[0].Size, 2_000_000) / 1000 * 1000;
        client.Place(71, Side.Ask, OrderType.Limit, TimeInForce.ImmediateOrCancel, bids[0].Price, quantity);
        var report = client.Execution(e => e.GetProperty("x").GetString() == "TRADE" && e.GetProperty("c").GetString() == "vx71", "TRADE report");
        var orderId = report.GetProperty("i").GetInt64();

        client.MyTrades(71, orderId);
        var trades = client.Response("t71");
        Assert.That(trades.GetProperty("status").GetInt32(), Is.EqualTo(200), trades.GetRawText());
        var trade = trades.GetProperty("result").EnumerateArray().Single();
        Assert.That(trade.GetProperty("symbol").GetString(), Is.EqualTo("BTCUSDT"));
        Assert.That(trade.GetProperty("id").GetInt64(), Is.EqualTo(report.GetProperty("t").GetInt64()), "the id the executionReport sent as t");
        Assert.That(trade.GetProperty("orderId").GetInt64(), Is.EqualTo(orderId));
        Assert.That(trade.GetProperty("price").GetString(), Is.EqualTo(report.GetProperty("L").GetString()));
        Assert.That(trade.GetProperty("qty").GetString(), Is.EqualTo(report.GetProperty("l").GetString()));
        Assert.That(trade.GetProperty("commission").GetString(), Is.EqualTo(report.GetProperty("n").GetString()));
        Assert.That(trade.GetProperty("commissionAsset").GetString(), Is.EqualTo("USDT"), "a seller pays in the quote asset");
        Assert.That(BinanceApiClient.Raw(trade.GetProperty("commission").GetString()!), Is.GreaterThan(0));
        Assert.That(trade.GetProperty("isBuyer").GetBoolean(), Is.False);
        Assert.That(trade.GetProperty("isMaker").GetBoolean(), Is.False);

        client.SendSigned("t2", "myTrades", new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["apiKey"] = Simulator.Venues.Binance.BinanceOrderEntry.Demo.ApiKey,
            ["orderId"] = orderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["startTime"] = "1",
            ["symbol"] = "BTCUSDT",
            ["timestamp"] = BinanceApiClient.Now.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.That(Error(client.Response("t2")), Is.EqualTo((-1128, "Combination of optional parameters invalid.")));

        client.MyTrades(72, orderId + 1_000);
        Assert.That(client.Response("t72").GetProperty("result").GetArrayLength(), Is.Zero, "no trades of an unknown order");

        using var wrong = new BinanceApiClient(server, secret: "not-the-secret");
        wrong.MyTrades(73, orderId);
        Assert.That(Error(wrong.Response("t73")), Is.EqualTo((-1022, "Signature for this request is not valid.")), "signed like the other account requests");
        using var stranger = new BinanceApiClient(server, key: "unknown-key");
        stranger.MyTrades(74, orderId);
        Assert.That(Error(stranger.Response("t74")).Code, Is.EqualTo(-2015));
    }

    [Test]
    public void DislocationMovesTheWholeBookAndBackDeterministically()
    {
        var one = new BookDislocation(0, 60_000_00000000, Tick, seed: 3) { MinQuietMillis = 10, MaxQuietMillis = 10, MinHoldMillis = 20, MaxHoldMillis = 20 };
        var two = new BookDislocation(0, 60_000_00000000, Tick, seed: 3) { MinQuietMillis = 10, MaxQuietMillis = 10, MinHoldMillis = 20, MaxHoldMillis = 20 };
        var moves = new List<long>();
        for (var t = 0L; t <= 200_000_000; t += 1_000_000)
        {
            Assert.That(one.TryNext(t, out _, out var d1), Is.EqualTo(two.TryNext(t, out _, out var d2)));
            Assert.That(d1, Is.EqualTo(d2));
            if (d1 != 0)
            {
                moves.Add(d1);
            }
        }

        Assert.That(moves, Has.Count.GreaterThanOrEqualTo(4));
        for (var i = 0; i + 1 < moves.Count; i += 2)
        {
            Assert.That(moves[i + 1], Is.EqualTo(-moves[i]), "every jump is undone");
            Assert.That(Math.Abs(moves[i]), Is.InRange(60_000_00000000L * 40 / 10_000 - Tick, 60_000_00000000L * 70 / 10_000));
        }

        using var server = Start();
        var before = server.Exchange.CopyBook(0);
        lock (server.Exchange.Gate)
        {
            server.Exchange.ShiftBook(0, 300 * 100_000_000L);
        }

        var after = server.Exchange.CopyBook(0);
        Assert.That(after.Bids.Select(l => l.Price), Is.EqualTo(before.Bids.Select(l => l.Price + (300 * 100_000_000L))));
        Assert.That(after.Asks.Select(l => l.Size), Is.EqualTo(before.Asks.Select(l => l.Size)));
    }

    private static VenueSimulatorServer Start()
    {
        var server = VenueSimulatorServer.Binance(seed: 11, eventsPerSecond: 20);
        server.Start();
        return server;
    }

    private static BinanceApiClient Subscribed(VenueSimulatorServer server)
    {
        var client = new BinanceApiClient(server);
        client.Subscribe();
        var answer = client.Response("s1");
        Assert.That(answer.GetProperty("status").GetInt32(), Is.EqualTo(200), answer.GetRawText());
        Assert.That(answer.GetProperty("result").GetProperty("subscriptionId").GetInt32(), Is.Zero);
        return client;
    }

    private static long BestBid(VenueSimulatorServer server) => server.Exchange.CopyBook(0).Bids[0].Price;

    private static long BestAsk(VenueSimulatorServer server) => server.Exchange.CopyBook(0).Asks[0].Price;

    private static (int Code, string Message) Error(JsonElement response)
    {
        var error = response.GetProperty("error");
        return (error.GetProperty("code").GetInt32(), error.GetProperty("msg").GetString()!);
    }
}
