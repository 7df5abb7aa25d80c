using System.Text.Json;
using Velox.Core;
using Velox.Core.Numerics;
using Velox.Net.Reconnect;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Venues.Binance.Trading;

namespace Velox.Venues.Binance.Tests.Trading;

/// <summary>Reconciliation after a resubscription, by hand-made order.status, myTrades and openOrders.status answers (the shapes of developers.binance.com "Query order", "Account trade list", "Current open orders").</summary>
public sealed class ReconcileTests
{
    [Test]
    public void ResubscriptionAsksOrderStatusForEveryOpenOrderAndWaitsForTheAnswers()
    {
        var h = new Harness();
        h.MakeReady();
        var resting = h.Place(Side.Bid, "52000.00", "0.00200000");
        var pending = h.Place(Side.Ask, "53000.00", "0.00100000");
        var done = h.Place(Side.Ask, "53000.00", "0.00100000");
        h.Feed(DocMessages.PlaceAck(resting, 11));
        h.Feed(DocMessages.Execution(Harness.VenueId(resting), "TRADE", "PARTIALLY_FILLED", 11, "0.00050000", "51990.00", tradeId: 501, cumQty: "0.00050000"));
        h.Feed(DocMessages.PlaceAck(done, 13));
        h.Feed(DocMessages.Execution(Harness.VenueId(done), "EXPIRED", "EXPIRED", 13));
        h.Transport.Take();

        h.Gateway.OnDisconnected();
        h.Gateway.Attach(h.Transport, isLoopback: true);
        h.Feed("""{"id":"s2","status":200,"result":{"subscriptionId":1}}""");
        Assert.That(h.Gateway.State, Is.EqualTo(BinanceGatewayState.Reconciling), "new orders wait for the answers");
        var sent = h.Transport.Take().Skip(1).Select(m => JsonDocument.Parse(m).RootElement).ToList();
        Assert.That(sent[^1].GetProperty("method").GetString(), Is.EqualTo("openOrders.status"), "the orphan search follows the status queries");
        sent.RemoveAt(sent.Count - 1);
        Assert.That(sent.Select(m => m.GetProperty("method").GetString()), Is.All.EqualTo("order.status"));
        Assert.That(sent.Select(m => m.GetProperty("params").GetProperty("origClientOrderId").GetString()), Is.EquivalentTo(new[] { Harness.VenueId(resting), Harness.VenueId(pending) }));
        Assert.That(sent.Select(m => m.GetProperty("params").GetProperty("signature").GetString()!.Length), Is.All.EqualTo(64));

        // Filled 0.001 more at 52000 while away: cummulativeQuoteQty = 0.0005 × 51990 + 0.001 × 52000. The trades are asked
        // for; myTrades fails, so the quantity is booked as one fill at the average.
        h.Feed(Status(resting, 11, "PARTIALLY_FILLED", "0.00150000", "77.99500000"));
        var query = JsonDocument.Parse(h.Transport.Take().Single()).RootElement;
        Assert.That(query.GetProperty("method").GetString(), Is.EqualTo("myTrades"));
        Assert.That(query.GetProperty("params").GetProperty("orderId").GetInt64(), Is.EqualTo(11));
        Assert.That(h.Order(resting).Filled.Raw, Is.EqualTo(50_000), "nothing booked before the trades answer");
        h.Feed(DocMessages.Error("t" + resting, 429, -1003, "Too many requests."));
        Assert.That(h.Gateway.TradeQueryFallbacks, Is.EqualTo(1));
        Assert.That(h.Gateway.State, Is.EqualTo(BinanceGatewayState.Reconciling));
        var order = h.Order(resting);
        Assert.That(order.State, Is.EqualTo(OrderState.PartiallyFilled));
        Assert.That(order.Filled.Raw, Is.EqualTo(150_000));
        Assert.That(order.FilledNotional, Is.EqualTo(((Int128)51_990_00 * 50_000) + ((Int128)52_000_00 * 100_000)), "the missing 0.001 priced at 52000.00 exactly");

        h.Feed("{\"id\":\"q" + pending + "\",\"status\":400,\"error\":{\"code\":-2013,\"msg\":\"Order does not exist.\"}}");
        Assert.That(h.Order(pending).State, Is.EqualTo(OrderState.Rejected));
        Assert.That(h.Order(pending).RejectCode, Is.EqualTo((ushort)BinanceRejectCode.VenueUnknownOrder));
        Assert.That(h.Gateway.State, Is.EqualTo(BinanceGatewayState.Ready));
        Assert.That(h.Gateway.Reconciliations, Is.EqualTo(1));

        // The same answer again (a repeated query) books nothing more; a late TRADE event of that quantity is recognised by z.
        h.Feed(Status(resting, 11, "PARTIALLY_FILLED", "0.00150000", "77.99500000"));
        h.Feed(DocMessages.Execution(Harness.VenueId(resting), "TRADE", "PARTIALLY_FILLED", 11, "0.00100000", "52000.00", tradeId: 502, cumQty: "0.00150000"));
        Assert.That(h.Order(resting).Filled.Raw, Is.EqualTo(150_000));
        Assert.That(h.Gateway.TradesAlreadyReconciled, Is.EqualTo(1));
        h.Feed(DocMessages.Execution(Harness.VenueId(resting), "TRADE", "FILLED", 11, "0.00050000", "52000.00", tradeId: 503, cumQty: "0.00200000"));
        Assert.That(h.Order(resting).State, Is.EqualTo(OrderState.Filled), "a trade after the answer is booked");
    }

    [Test]
    public void CancelLostWithTheConnectionIsSentAgainAndCancelledOrdersAreClosed()
    {
        var h = new Harness();
        h.MakeReady();
        var first = h.Place(Side.Bid, "52000.00", "0.00100000");
        var second = h.Place(Side.Bid, "51000.00", "0.00100000");
        h.Feed(DocMessages.PlaceAck(first, 21));
        h.Feed(DocMessages.PlaceAck(second, 22));
        Assert.That(h.Gateway.TryCancel(first), Is.EqualTo(CommandStatus.Accepted));
        Assert.That(h.Gateway.TryCancel(second), Is.EqualTo(CommandStatus.Accepted));
        h.Gateway.OnDisconnected();
        h.Gateway.Attach(h.Transport, isLoopback: true);
        h.Feed("""{"id":"s2","status":200,"result":{"subscriptionId":1}}""");
        h.Transport.Take();

        h.Feed(Status(first, 21, "NEW", "0.00000000", "0.00000000"));
        var resent = h.Transport.Take();
        Assert.That(resent, Has.Count.EqualTo(1));
        Assert.That(resent[0], Does.Contain("\"method\":\"order.cancel\"").And.Contain(Harness.VenueId(first)));
        Assert.That(h.Order(first).State, Is.EqualTo(OrderState.PendingCancel));
        h.Feed(Status(second, 22, "CANCELED", "0.00000000", "0.00000000"));
        Assert.That(h.Order(second).State, Is.EqualTo(OrderState.Cancelled));
        Assert.That(h.Gateway.State, Is.EqualTo(BinanceGatewayState.Ready));
    }

    [Test]
    public void CancelReplaceInFlightIsResolvedByAskingForTheReplacement()
    {
        var h = new Harness();
        h.MakeReady();
        var replaced = h.Place(Side.Bid, "52000.00", "0.00100000");
        var gone = h.Place(Side.Bid, "51000.00", "0.00100000");
        h.Feed(DocMessages.PlaceAck(replaced, 31));
        h.Feed(DocMessages.PlaceAck(gone, 32));
        Assert.That(h.Gateway.TryAmend(replaced, new Price(52_100_00), new Quantity(100_000)), Is.EqualTo(CommandStatus.Accepted));
        Assert.That(h.Gateway.TryAmend(gone, new Price(51_100_00), new Quantity(100_000)), Is.EqualTo(CommandStatus.Accepted));
        h.Gateway.OnDisconnected();
        h.Gateway.Attach(h.Transport, isLoopback: true);
        h.Feed("""{"id":"s2","status":200,"result":{"subscriptionId":1}}""");
        h.Transport.Take();

        // The old order traded 0.0004 and was cancelled at the venue: its trade is booked, then did the replacement (generation 1) go in?
        h.Feed(Status(replaced, 31, "CANCELED", "0.00040000", "20.80000000"));
        Assert.That(JsonDocument.Parse(h.Transport.Take().Single()).RootElement.GetProperty("method").GetString(), Is.EqualTo("myTrades"));
        h.Feed(Trades(replaced, Trade(601, 31, "52000.00", "0.00040000", "0.02080000", "USDT", maker: true)));
        Assert.That(h.Order(replaced).Filled.Raw, Is.EqualTo(40_000));
        Assert.That(h.Order(replaced).FilledNotional, Is.EqualTo((Int128)52_000_00 * 40_000));
        Assert.That(h.Order(replaced).Fees, Is.EqualTo(2_080_000), "the commission in USDT at 8 decimals");
        var probe = JsonDocument.Parse(h.Transport.Take().Single()).RootElement;
        Assert.That(probe.GetProperty("params").GetProperty("origClientOrderId").GetString(), Is.EqualTo(Harness.VenueId(replaced, 1)));
        Assert.That(h.Gateway.State, Is.EqualTo(BinanceGatewayState.Reconciling));
        h.Feed(Status(replaced, 33, "NEW", "0.00000000", "0.00000000"));
        Assert.That(h.Order(replaced).State, Is.EqualTo(OrderState.Replaced));
        Assert.That(h.Order(replaced).Price.Raw, Is.EqualTo(52_100_00));
        Assert.That(h.Order(replaced).Filled.Raw, Is.EqualTo(40_000), "the new generation's executedQty counts from its own start");

        h.Feed(Status(gone, 32, "CANCELED", "0.00000000", "0.00000000"));
        h.Feed("{\"id\":\"q" + gone + "\",\"status\":400,\"error\":{\"code\":-2013,\"msg\":\"Order does not exist.\"}}");
        Assert.That(h.Order(gone).State, Is.EqualTo(OrderState.Cancelled), "cancelled without a replacement");
        Assert.That(h.Gateway.State, Is.EqualTo(BinanceGatewayState.Ready));

        // Later requests about the replaced order use its new generation.
        h.Transport.Take();
        Assert.That(h.Gateway.TryCancel(replaced), Is.EqualTo(CommandStatus.Accepted));
        Assert.That(h.Transport.Take().Single(), Does.Contain(Harness.VenueId(replaced, 1)));
    }

    [Test]
    public void SteadyStateTurnsAndTheOverdueScanAllocateNothing()
    {
        var h = new Harness(maxOrders: 1024);
        h.Gateway.EnableReconnect(new ReconnectPolicy(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(1)), h.Clock);
        h.MakeReady();
        var counting = new CountingTransport();
        h.Gateway.Attach(counting, isLoopback: true);
        h.Feed("""{"id":"s2","status":200,"result":{"subscriptionId":1}}""");
        for (var i = 0; i < 20; i++)
        {
            h.Place(Side.Bid, "52000.00", "0.00100000");
        }

        for (var pass = 0; pass < 2; pass++)
        {
            var sentBefore = counting.Count;
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10_000; i++)
            {
                h.Gateway.DoWork();
            }

            h.Clock.Set(h.Clock.NowNanos() + 3_000_000_000);
            for (var i = 0; i < 100; i++)
            {
                h.Gateway.DoWork();
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(counting.Count - sentBefore, Is.EqualTo(20), "one order.status per overdue PendingNew order");
            if (pass == 1)
            {
                Assert.That(allocated, Is.Zero);
            }
        }
    }

    [Test]
    public void MyTradesBooksEachTradeWithItsCommissionAndLateEventsAreDroppedByTradeId()
    {
        var h = new Harness();
        h.MakeReady();
        var id = h.Place(Side.Bid, "52000.00", "0.00200000");
        h.Feed(DocMessages.PlaceAck(id, 41));
        h.Feed(DocMessages.Execution(Harness.VenueId(id), "TRADE", "PARTIALLY_FILLED", 41, "0.00050000", "51990.00", "0.00000050", "BTC", tradeId: 700, cumQty: "0.00050000"));
        var feesBefore = h.Order(id).Fees;
        Assert.That(feesBefore, Is.EqualTo(2_599_500), "0.0000005 BTC at 51990 = 0.025995 USDT, to 8 decimals");
        ReconnectAndTake(h);

        // Two trades while away: one paying BTC (valued at its price), one paying BNB (not booked, counted).
        h.Feed(Status(id, 41, "PARTIALLY_FILLED", "0.00150000", "77.99000000"));
        Assert.That(h.Transport.Take().Single(), Does.Contain("\"method\":\"myTrades\""));
        h.Feed(Trades(
            id,
            Trade(700, 41, "51990.00", "0.00050000", "0.00000050", "BTC", maker: true),
            Trade(701, 41, "52000.00", "0.00060000", "0.00000060", "BTC", maker: true),
            Trade(702, 41, "51980.00", "0.00040000", "0.00001000", "BNB", maker: false),
            Trade(999, 77, "1.00", "0.00010000", "0", "USDT", maker: false)));
        var order = h.Order(id);
        Assert.That(order.Filled.Raw, Is.EqualTo(150_000), "700 was booked already; 999 is another order's");
        Assert.That(order.FilledNotional, Is.EqualTo(((Int128)51_990_00 * 50_000) + ((Int128)52_000_00 * 60_000) + ((Int128)51_980_00 * 40_000)));
        Assert.That(order.Fees - feesBefore, Is.EqualTo(3_120_000), "0.0000006 BTC at 52000 = 0.0312 USDT; the BNB fee is not booked");
        Assert.That(h.Gateway.FeesNotBooked, Is.EqualTo(1_000));
        Assert.That(h.Gateway.ReconciledTrades, Is.EqualTo(2));
        Assert.That(h.Gateway.ReconciledFills, Is.EqualTo(2));
        Assert.That(h.Gateway.TradeQueryFallbacks, Is.Zero);
        Assert.That(h.Gateway.State, Is.EqualTo(BinanceGatewayState.Ready));

        // The executionReports of 701 and 702 arrive late: the OMS knows their trade ids.
        h.Feed(DocMessages.Execution(Harness.VenueId(id), "TRADE", "PARTIALLY_FILLED", 41, "0.00060000", "52000.00", "0.00000060", "BTC", tradeId: 701, cumQty: "0.00110000"));
        Assert.That(h.Gateway.LastOutcome, Is.EqualTo(ReportOutcome.DuplicateFill));
        h.Feed(DocMessages.Execution(Harness.VenueId(id), "TRADE", "PARTIALLY_FILLED", 41, "0.00040000", "51980.00", "0.00001000", "BNB", tradeId: 702, cumQty: "0.00150000"));
        Assert.That(h.Gateway.LastOutcome, Is.EqualTo(ReportOutcome.DuplicateFill));
        Assert.That(h.Order(id).Filled.Raw, Is.EqualTo(150_000));
        Assert.That(h.Gateway.TradesAlreadyReconciled, Is.EqualTo(2));

        // A new trade after that is booked.
        h.Feed(DocMessages.Execution(Harness.VenueId(id), "TRADE", "FILLED", 41, "0.00050000", "52000.00", tradeId: 703, cumQty: "0.00200000"));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.Filled));
    }

    [Test]
    public void UnansweredMyTradesFallsBackToTheAverageAndTheFinalStateIsBooked()
    {
        var h = new Harness();
        h.MakeReady();
        h.Gateway.EnableReconnect(new ReconnectPolicy(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(1)), h.Clock);
        var id = h.Place(Side.Bid, "52000.00", "0.00100000");
        h.Feed(DocMessages.PlaceAck(id, 51));
        ReconnectAndTake(h);
        h.Feed(Status(id, 51, "CANCELED", "0.00040000", "20.80000000"));
        Assert.That(h.Transport.Take().Single(), Does.Contain("\"method\":\"myTrades\""));
        h.Gateway.DoWork();
        Assert.That(h.Gateway.State, Is.EqualTo(BinanceGatewayState.Reconciling), "waits for the trades");

        h.Clock.Set(h.Clock.NowNanos() + 2_100_000_000);
        h.Gateway.DoWork();
        Assert.That(h.Gateway.TradeQueryFallbacks, Is.EqualTo(1));
        Assert.That(h.Order(id).Filled.Raw, Is.EqualTo(40_000));
        Assert.That(h.Order(id).FilledNotional, Is.EqualTo((Int128)52_000_00 * 40_000));
        Assert.That(h.Order(id).Fees, Is.Zero, "fee unknown without the trades");
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.Cancelled));
        Assert.That(h.Gateway.State, Is.EqualTo(BinanceGatewayState.Ready));

        // The answer that comes after all is ignored.
        h.Feed(Trades(id, Trade(801, 51, "52000.00", "0.00040000", "0.02080000", "USDT", maker: true)));
        Assert.That(h.Order(id).Filled.Raw, Is.EqualTo(40_000));
        Assert.That(h.Gateway.ReconciledTrades, Is.Zero);
    }

    [Test]
    public void OpenOrdersWithOurIdThatTheOmsDoesNotHoldOpenAreCancelled()
    {
        var h = new Harness();
        h.MakeReady();
        var open = h.Place(Side.Bid, "52000.00", "0.00100000");
        var rejected = h.Place(Side.Bid, "51000.00", "0.00100000");
        h.Feed(DocMessages.PlaceAck(open, 61));
        h.Feed(DocMessages.Error("p" + rejected, 400, -2010, "Account has insufficient balance for requested action."));
        Assert.That(h.Order(rejected).State, Is.EqualTo(OrderState.Rejected));
        ReconnectAndTake(h);
        h.Feed(Status(open, 61, "NEW", "0.00000000", "0.00000000"));
        Assert.That(h.Gateway.State, Is.EqualTo(BinanceGatewayState.Ready));

        var list = "{\"id\":\"l1\",\"status\":200,\"result\":["
            + OpenOrder("BTCUSDT", 61, Harness.VenueId(open)) + "," + OpenOrder("BTCUSDT", 62, Harness.VenueId(rejected)) + ","
            + OpenOrder("ETHUSDT", 63, Harness.VenueId(987_654)) + "," + OpenOrder("BTCUSDT", 64, "web_2f9a") + "],\"rateLimits\":[]}";
        h.Feed(list);
        var cancels = h.Transport.Take().Select(m => JsonDocument.Parse(m).RootElement).ToList();
        Assert.That(cancels.Select(c => c.GetProperty("method").GetString()), Is.All.EqualTo("order.cancel"));
        Assert.That(
            cancels.Select(c => (c.GetProperty("params").GetProperty("symbol").GetString(), c.GetProperty("params").GetProperty("origClientOrderId").GetString())),
            Is.EqualTo(new[] { ("BTCUSDT", Harness.VenueId(rejected)), ("ETHUSDT", Harness.VenueId(987_654)) }),
            "the rejected order and one of an earlier session; not the open one, not another program's");
        h.Feed(DocMessages.CancelOk(rejected, 62).Replace("\"id\":\"c", "\"id\":\"o", StringComparison.Ordinal));
        h.Feed(DocMessages.Error("o987654", 400, -2011, "Unknown order sent."));
        Assert.That(h.Gateway.OrphansCancelled, Is.EqualTo(1));
        Assert.That(h.Gateway.LastVenueError, Is.Null, "-2011: gone meanwhile");

        // Its CANCELED event finds the order rejected in the OMS and changes nothing.
        var illegal = h.Engine.Orders.IllegalTransitions;
        h.Feed(DocMessages.Execution("sim1", "CANCELED", "CANCELED", 62, origClientId: Harness.VenueId(rejected)));
        Assert.That(h.Order(rejected).State, Is.EqualTo(OrderState.Rejected));
        Assert.That(h.Engine.Orders.IllegalTransitions, Is.EqualTo(illegal));
    }

    /// <summary>Drops and resubscribes; returns after taking what the gateway sent (status queries, the orphan search).</summary>
    private static void ReconnectAndTake(Harness h)
    {
        h.Gateway.OnDisconnected();
        h.Gateway.Attach(h.Transport, isLoopback: true);
        h.Feed("""{"id":"s2","status":200,"result":{"subscriptionId":1}}""");
        h.Transport.Take();
    }

    private static string Trades(long clientOrderId, params string[] trades) =>
        "{\"id\":\"t" + clientOrderId + "\",\"status\":200,\"result\":[" + string.Join(',', trades)
        + "],\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":6000,\"count\":25}]}";

    /// <summary>One myTrades entry (developers.binance.com "Account trade list").</summary>
    private static string Trade(long id, long orderId, string price, string qty, string commission, string asset, bool maker) =>
        "{\"symbol\":\"BTCUSDT\",\"id\":" + id + ",\"orderId\":" + orderId + ",\"orderListId\":-1,\"price\":\"" + price + "\",\"qty\":\"" + qty
        + "\",\"quoteQty\":\"0.00000000\",\"commission\":\"" + commission + "\",\"commissionAsset\":\"" + asset + "\",\"time\":1660801715793,"
        + "\"isBuyer\":true,\"isMaker\":" + (maker ? "true" : "false") + ",\"isBestMatch\":true}";

    private static string OpenOrder(string symbol, long orderId, string clientId) =>
        "{\"symbol\":\"" + symbol + "\",\"orderId\":" + orderId + ",\"orderListId\":-1,\"clientOrderId\":\"" + clientId + "\",\"price\":\"52000.00000000\","
        + "\"origQty\":\"0.00100000\",\"executedQty\":\"0.00000000\",\"cummulativeQuoteQty\":\"0.00000000\",\"status\":\"NEW\",\"timeInForce\":\"GTC\","
        + "\"type\":\"LIMIT\",\"side\":\"BUY\",\"stopPrice\":\"0.00000000\",\"icebergQty\":\"0.00000000\",\"time\":1660801715639,\"updateTime\":1660801715639,"
        + "\"isWorking\":true,\"workingTime\":1660801715639,\"origQuoteOrderQty\":\"0.00000000\",\"selfTradePreventionMode\":\"NONE\"}";

    private static string Status(long clientOrderId, long orderId, string status, string executed, string quote) =>
        "{\"id\":\"q" + clientOrderId + "\",\"status\":200,\"result\":{\"symbol\":\"BTCUSDT\",\"orderId\":" + orderId + ",\"orderListId\":-1,\"clientOrderId\":\""
        + Harness.VenueId(clientOrderId) + "\",\"price\":\"52000.00000000\",\"origQty\":\"0.00200000\",\"executedQty\":\"" + executed
        + "\",\"cummulativeQuoteQty\":\"" + quote + "\",\"status\":\"" + status + "\",\"timeInForce\":\"GTC\",\"type\":\"LIMIT\",\"side\":\"BUY\","
        + "\"stopPrice\":\"0.00000000\",\"icebergQty\":\"0.00000000\",\"time\":1660801715639,\"updateTime\":1660801717945,\"isWorking\":true,"
        + "\"workingTime\":1660801715639,\"origQuoteOrderQty\":\"0.00000000\",\"selfTradePreventionMode\":\"NONE\"},"
        + "\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":6000,\"count\":4}]}";

    private sealed class CountingTransport : IBinanceTransport
    {
        public int Count { get; private set; }

        public bool TrySend(ReadOnlySpan<byte> utf8)
        {
            Count++;
            return true;
        }
    }
}
