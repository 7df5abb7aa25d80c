using Velox.Core;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.Net.Reconnect;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Venues.Binance.Trading;
using GatewayHarness = Velox.Simulator.Tests.Venues.BinanceGatewaySimulatorTests.GatewayHarness;

namespace Velox.Simulator.Tests.Venues;

/// <summary>
/// The Binance gateway's reconnect and in-flight reconciliation against the simulated WebSocket API on real sockets:
/// the simulator drops the line mid-order (or at rest, or holds an answer back), the gateway reconnects on its policy,
/// subscribes again, asks order.status and the OMS ends in the venue's state with nothing booked twice.
/// </summary>
public sealed class BinanceReconnectSimulatorTests
{
    private const long Tick = 1_000_000;

    [TestCase(true)]
    [TestCase(false)]
    public void DisconnectMidOrderIsReconciledToTheVenueState(bool placedAtVenue)
    {
        // The simulator tosses a seeded coin whether the order reached the book before the line dropped.
        var seed = Enumerable.Range(30, 100).First(s => (new Random(s).Next(2) == 0) == placedAtVenue);
        using var server = Start(seed);
        using var h = new GatewayHarness(server);
        var clock = new StepClock();
        h.Gateway.EnableReconnect(FastPolicy(), clock);
        server.Exchange.Pause();
        var (bids, _) = server.Exchange.CopyBook(0);
        var quantity = Math.Min(bids[0].Size, 1_000_000) / 1000 * 1000;

        h.InjectFault(server, FaultKind.DisconnectOnOrder);
        var id = h.Submit(new OrderRequest(h.Btc.Id, Side.Ask, OrderType.Limit, TimeInForce.ImmediateOrCancel, new Price(bids[0].Price), new Quantity(quantity)));
        h.RunUntil(() => h.Gateway.State == BinanceGatewayState.Disconnected, "the line dropped with the order");
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.PendingNew), "no answer came back");

        clock.Now += 1_000_000_000;
        h.RunUntil(() => h.Gateway.State == BinanceGatewayState.Ready && OrderTransitions.IsTerminal(h.Order(id).State), "reconnected and reconciled");
        Assert.That(h.Gateway.Disconnects, Is.EqualTo(1));
        Assert.That(h.Gateway.Reconciliations, Is.EqualTo(1));
        Assert.That(h.Gateway.StatusQueries, Is.EqualTo(1), "one order.status for the one order in flight");
        var order = h.Order(id);
        if (placedAtVenue)
        {
            Assert.That(order.State, Is.EqualTo(OrderState.Filled));
            Assert.That(order.Filled.Raw, Is.EqualTo(quantity));
            Assert.That(order.FilledNotional, Is.EqualTo((Int128)bids[0].Price * quantity), "priced from the venue's cummulativeQuoteQty");
            Assert.That(order.VenueOrderId, Is.GreaterThan(0));
            Assert.That(h.Gateway.ReconciledFills, Is.EqualTo(1));
            Assert.That(h.Engine.Positions[h.Btc.Id].Quantity.Raw, Is.EqualTo(-quantity));
        }
        else
        {
            Assert.That(order.State, Is.EqualTo(OrderState.Rejected));
            Assert.That(order.RejectCode, Is.EqualTo((ushort)BinanceRejectCode.VenueUnknownOrder), "-2013: the venue never saw it");
            Assert.That(h.Engine.Positions[h.Btc.Id].Quantity.Raw, Is.Zero);
        }

        Assert.That(BtcBalanceChange(server), Is.EqualTo(h.Engine.Positions[h.Btc.Id].Quantity.Raw), "OMS position = what the venue's wallet moved");
        Assert.That(h.Engine.Orders.OpenOrders, Is.Zero);
        Assert.That(server.OrderEntry!.OpenOrderCount(), Is.Zero);

        // The reconnected line takes orders again.
        var next = h.Submit(new OrderRequest(h.Btc.Id, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(bids[0].Price - (100 * Tick)), new Quantity(1_000_000)));
        h.RunUntil(() => h.Order(next).State == OrderState.New, "a new order acknowledged after the reconnect");
    }

    [Test]
    public void RestingOrderFilledWhileDisconnectedIsBookedOnceAfterTheReconnect()
    {
        using var server = Start(21);
        using var h = new GatewayHarness(server);
        var clock = new StepClock();
        h.Gateway.EnableReconnect(FastPolicy(), clock);
        server.Exchange.Pause();
        var (bids, asks) = server.Exchange.CopyBook(0);
        var limit = bids[0].Price - (5 * Tick);
        var resting = h.Submit(new OrderRequest(h.Btc.Id, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(limit), new Quantity(1_000_000)));
        var untouched = h.Submit(new OrderRequest(h.Btc.Id, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(bids[0].Price - (2_000 * Tick)), new Quantity(1_000_000)));
        h.RunUntil(() => h.Order(resting).State == OrderState.New && h.Order(untouched).State == OrderState.New, "both resting");

        Assert.That(server.InjectFault(FaultKind.Disconnect), Is.EqualTo(1));
        h.RunUntil(() => h.Gateway.State == BinanceGatewayState.Disconnected, "the line dropped");
        lock (server.Exchange.Gate)
        {
            // The asks fall through our bid: the resting buy trades while nobody listens.
            server.Exchange.ShiftBook(0, limit - asks[0].Price - (1_000 * Tick));
        }

        Assert.That(server.OrderEntry!.OpenOrderCount(), Is.EqualTo(1), "the first bid filled at the venue, the far one rests");
        clock.Now += 1_000_000_000;
        h.RunUntil(() => h.Gateway.State == BinanceGatewayState.Ready, "reconnected and reconciled");
        Assert.That(h.Gateway.StatusQueries, Is.EqualTo(2));
        Assert.That(h.Order(resting).State, Is.EqualTo(OrderState.Filled));
        Assert.That(h.Order(resting).Filled.Raw, Is.EqualTo(1_000_000));
        Assert.That(h.Order(untouched).State, Is.EqualTo(OrderState.New), "still working at the venue");
        Assert.That(h.Gateway.ReconciledFills, Is.EqualTo(1));
        Assert.That(h.Engine.Positions[h.Btc.Id].Quantity.Raw, Is.EqualTo(1_000_000));

        using (var venue = new BinanceApiClient(server))
        {
            venue.Status(resting);
            var quote = BinanceApiClient.Raw(venue.Response("q" + resting).GetProperty("result").GetProperty("cummulativeQuoteQty").GetString()!);
            Assert.That(h.Order(resting).FilledNotional, Is.EqualTo((Int128)quote * 100_000_000), "the venue's traded value, exactly");
            venue.MyTrades(resting, h.Order(resting).VenueOrderId);
            var trade = venue.Response("t" + resting).GetProperty("result").EnumerateArray().Single();
            Assert.That(trade.GetProperty("id").GetInt64(), Is.GreaterThan(0));
            var commission = BinanceApiClient.Raw(trade.GetProperty("commission").GetString()!);
            Assert.That(commission, Is.GreaterThan(0));
            Assert.That(
                h.Order(resting).Fees,
                Is.EqualTo((long)((Int128)commission * BinanceApiClient.Raw(trade.GetProperty("price").GetString()!) / 100_000_000)),
                "the trade's BTC commission valued at its price");
        }

        Assert.That(h.Gateway.ReconciledTrades, Is.EqualTo(1), "booked from myTrades, not at the average");
        Assert.That(h.Gateway.TradeQueryFallbacks, Is.Zero);

        Assert.That(h.Gateway.TryCancel(untouched), Is.EqualTo(CommandStatus.Accepted));
        h.RunUntil(() => h.Order(untouched).State == OrderState.Cancelled && server.OrderEntry.OpenOrderCount() == 0, "the survivor cancels normally");
    }

    [Test]
    public void OverdueAnswerIsAskedForAndTheLateReportsAreNotBookedTwice()
    {
        using var server = Start(21);
        server.OrderEntry!.DelayAckMillis = 3_000;
        using var h = new GatewayHarness(server, options: new BinanceGatewayOptions { PendingQueryMillis = 50 });
        server.Exchange.Pause();
        var (bids, _) = server.Exchange.CopyBook(0);
        var quantity = Math.Min(bids[0].Size, 1_000_000) / 1000 * 1000;
        h.InjectFault(server, FaultKind.DelayAck);
        var id = h.Submit(new OrderRequest(h.Btc.Id, Side.Ask, OrderType.Limit, TimeInForce.ImmediateOrCancel, new Price(bids[0].Price), new Quantity(quantity)));
        h.RunUntil(() => h.Order(id).State == OrderState.Filled, "order.status answered before the held-back reports");
        Assert.That(h.Gateway.ReconciledFills, Is.EqualTo(1));
        Assert.That(h.Gateway.StatusQueries, Is.GreaterThanOrEqualTo(1));

        h.RunUntil(() => h.Gateway.TradesAlreadyReconciled == 1, "the held-back TRADE report arrives");
        Assert.That(h.Order(id).Filled.Raw, Is.EqualTo(quantity), "booked once");
        Assert.That(h.Engine.Positions[h.Btc.Id].Quantity.Raw, Is.EqualTo(-quantity));
        Assert.That(h.Gateway.ReconciledTrades, Is.EqualTo(1), "the trade itself, from myTrades");
        Assert.That(h.Order(id).Fees, Is.GreaterThan(0), "with its commission");
        Assert.That(h.Engine.Orders.Count(ReportOutcome.DuplicateFill), Is.EqualTo(1), "the late TRADE report was dropped by its trade id");
        Assert.That(BtcBalanceChange(server), Is.EqualTo(-quantity));
    }

    [Test]
    public void PartialFillOverTwoTradesWhileDisconnectedIsBookedAsTwoFillsWithTheirCommissions()
    {
        using var server = Start(21);
        using var h = new GatewayHarness(server);
        var clock = new StepClock();
        h.Gateway.EnableReconnect(FastPolicy(), clock);
        server.Exchange.Pause();
        var (bids, asks) = server.Exchange.CopyBook(0);
        var limit = bids[0].Price - (5 * Tick);
        var traded = asks[0].Size + asks[1].Size;
        var id = h.Submit(new OrderRequest(h.Btc.Id, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(limit), new Quantity(traded + 1_000_000)));
        h.RunUntil(() => h.Order(id).State == OrderState.New, "resting");

        Assert.That(server.InjectFault(FaultKind.Disconnect), Is.EqualTo(1));
        h.RunUntil(() => h.Gateway.State == BinanceGatewayState.Disconnected, "the line dropped");
        lock (server.Exchange.Gate)
        {
            // The two best asks fall to our bid (the third stays above it): the bid trades with the first, then with the second.
            server.Exchange.ShiftBook(0, limit - asks[1].Price);
            server.Exchange.ShiftBook(0, 0);
        }

        Assert.That(server.OrderEntry!.OpenOrderCount(), Is.EqualTo(1), "the rest of the bid still works");
        clock.Now += 1_000_000_000;
        h.RunUntil(() => h.Gateway.State == BinanceGatewayState.Ready, "reconnected and reconciled");
        var order = h.Order(id);
        Assert.That(order.State, Is.EqualTo(OrderState.PartiallyFilled));
        Assert.That(order.Filled.Raw, Is.EqualTo(traded));
        Assert.That(h.Gateway.Reports(ExecType.Fill), Is.EqualTo(2), "one fill per venue trade");
        Assert.That(h.Gateway.ReconciledTrades, Is.EqualTo(2));
        Assert.That(h.Gateway.TradeQueries, Is.EqualTo(1));
        Assert.That(h.Gateway.TradeQueryFallbacks, Is.Zero);

        using (var venue = new BinanceApiClient(server))
        {
            venue.MyTrades(id, order.VenueOrderId);
            var trades = venue.Response("t" + id).GetProperty("result").EnumerateArray().ToList();
            Assert.That(trades, Has.Count.EqualTo(2));
            Assert.That(trades.Select(t => BinanceApiClient.Raw(t.GetProperty("qty").GetString()!)), Is.EqualTo(new[] { asks[0].Size, asks[1].Size }));
            Assert.That(trades.Select(t => t.GetProperty("commissionAsset").GetString()), Is.All.EqualTo("BTC"), "a buyer pays in the base asset");
            var notional = trades.Aggregate((Int128)0, (sum, t) => sum + ((Int128)BinanceApiClient.Raw(t.GetProperty("price").GetString()!) * BinanceApiClient.Raw(t.GetProperty("qty").GetString()!)));
            var fees = trades.Sum(t => (long)((Int128)BinanceApiClient.Raw(t.GetProperty("commission").GetString()!) * BinanceApiClient.Raw(t.GetProperty("price").GetString()!) / 100_000_000));
            Assert.That(order.FilledNotional, Is.EqualTo(notional));
            Assert.That(fees, Is.GreaterThan(0));
            Assert.That(order.Fees, Is.EqualTo(fees), "each trade's BTC commission valued at its price, as the executionReport path books it");
        }

        Assert.That(h.Engine.Positions[h.Btc.Id].Quantity.Raw, Is.EqualTo(traded));
        Assert.That(BtcBalanceChange(server), Is.EqualTo(traded - BtcCommissions(server)), "the venue credited the BTC less its commission");
        Assert.That(h.Gateway.TryCancel(id), Is.EqualTo(CommandStatus.Accepted));
        h.RunUntil(() => h.Order(id).State == OrderState.Cancelled && server.OrderEntry.OpenOrderCount() == 0, "the rest cancels normally");
    }

    [Test]
    public void OrphanOrderWithOurIdIsCancelledAfterTheReconnect()
    {
        using var server = Start(21);
        using var h = new GatewayHarness(server);
        var clock = new StepClock();
        h.Gateway.EnableReconnect(FastPolicy(), clock);
        server.Exchange.Pause();
        var (bids, _) = server.Exchange.CopyBook(0);
        var price = bids[0].Price - (100 * Tick);
        h.InjectFault(server, FaultKind.RejectOrder);
        var rejected = h.Submit(new OrderRequest(h.Btc.Id, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(price), new Quantity(1_000_000)));
        h.RunUntil(() => h.Order(rejected).State == OrderState.Rejected, "refused by the venue");
        var working = h.Submit(new OrderRequest(h.Btc.Id, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(price - (100 * Tick)), new Quantity(1_000_000)));
        h.RunUntil(() => h.Order(working).State == OrderState.New, "resting");

        using (var other = new BinanceApiClient(server))
        {
            // The venue holds an order under the id the OMS booked as rejected: the OMS would never cancel it.
            other.Place(rejected, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, price, 1_000_000);
            Assert.That(other.Response("p" + rejected).GetProperty("status").GetInt32(), Is.EqualTo(200));
        }

        Assert.That(server.OrderEntry!.OpenOrderCount(), Is.EqualTo(2));
        Assert.That(server.InjectFault(FaultKind.Disconnect), Is.GreaterThanOrEqualTo(1));
        h.RunUntil(() => h.Gateway.State == BinanceGatewayState.Disconnected, "the line dropped");
        clock.Now += 1_000_000_000;
        h.RunUntil(() => h.Gateway.State == BinanceGatewayState.Ready && h.Gateway.OrphansCancelled == 1, "reconnected, orphan cancelled");
        Assert.That(h.Gateway.OrphanSearches, Is.EqualTo(1));
        Assert.That(server.OrderEntry.OpenOrders(0, 0).Select(o => o.Id), Is.EqualTo(new[] { h.Order(working).VenueOrderId }), "only the OMS's working order is left");
        Assert.That(h.Order(rejected).State, Is.EqualTo(OrderState.Rejected));
        Assert.That(h.Order(working).State, Is.EqualTo(OrderState.New));
        Assert.That(h.Engine.Orders.IllegalTransitions, Is.Zero);

        Assert.That(h.Gateway.TryCancel(working), Is.EqualTo(CommandStatus.Accepted));
        h.RunUntil(() => h.Order(working).State == OrderState.Cancelled && server.OrderEntry.OpenOrderCount() == 0, "the venue ends with no open order");
    }

    [Test]
    public void LostAckIsSettledByTheUserDataEvents()
    {
        using var server = Start(21);
        using var h = new GatewayHarness(server);
        server.Exchange.Pause();
        var (bids, _) = server.Exchange.CopyBook(0);
        h.InjectFault(server, FaultKind.LoseAck);
        var id = h.Submit(new OrderRequest(h.Btc.Id, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(bids[0].Price - (100 * Tick)), new Quantity(1_000_000)));
        h.RunUntil(() => h.Order(id).State == OrderState.New, "acknowledged by the NEW executionReport");
        Assert.That(h.Order(id).VenueOrderId, Is.GreaterThan(0));
        Assert.That(h.Gateway.StatusQueries, Is.Zero, "the events sufficed");
        h.Engine.KillSwitch.Engage();
        h.RunUntil(() => h.Order(id).State == OrderState.Cancelled && server.OrderEntry!.OpenOrderCount() == 0, "cancelled at the venue");
    }

    private static VenueSimulatorServer Start(int seed)
    {
        var server = VenueSimulatorServer.Binance(seed, eventsPerSecond: 20);
        server.Start();
        return server;
    }

    private static ReconnectPolicy FastPolicy() =>
        new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(1));

    /// <summary>BTC of the demo account at the venue now, less its 10 BTC start (raw, 8 decimals).</summary>
    private static long BtcBalanceChange(VenueSimulatorServer server)
    {
        var engine = server.OrderEntry!.Engine;
        var balances = new long[engine.Currencies.Count];
        var available = new long[engine.Currencies.Count];
        engine.CopyWallets(0, balances, available);
        var btc = engine.Currencies.ToList().IndexOf("BTC");
        return balances[btc] - 10_0000_0000;
    }

    /// <summary>BTC commissions the demo account paid at the venue (raw, 8 decimals), from its trades.</summary>
    private static long BtcCommissions(VenueSimulatorServer server)
    {
        using var venue = new BinanceApiClient(server);
        venue.SendSigned("tall", "myTrades", new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["apiKey"] = Simulator.Venues.Binance.BinanceOrderEntry.Demo.ApiKey,
            ["symbol"] = "BTCUSDT",
            ["timestamp"] = BinanceApiClient.Now.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return venue.Response("tall").GetProperty("result").EnumerateArray()
            .Where(t => t.GetProperty("commissionAsset").GetString() == "BTC")
            .Sum(t => BinanceApiClient.Raw(t.GetProperty("commission").GetString()!));
    }

    private sealed class StepClock : IClock
    {
        public long Now { get; set; } = 1_000_000_000;

        public long NowNanos() => Now;
    }
}
