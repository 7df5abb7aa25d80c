using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.MarketData.Sync;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Simulator.Venues.Binance;
using Velox.Trading;
using Velox.Trading.Credentials;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Positions;
using Velox.Trading.Risk;
using Velox.Venues.Binance;
using Velox.Venues.Binance.Trading;

namespace Velox.Simulator.Tests.Venues;

/// <summary>Our <see cref="BinanceOrderGateway"/> against the simulated Binance WebSocket API on a real socket: subscription, acks, fills into the OMS, reject reasons.</summary>
public sealed class BinanceGatewaySimulatorTests
{
    private const long Tick = 1_000_000;

    [Test]
    public void IocAtTheBestBidIsAcknowledgedAndItsFillReachesOmsAndPositions()
    {
        using var server = Start();
        using var h = new GatewayHarness(server);
        server.Exchange.Pause();
        var (bids, _) = server.Exchange.CopyBook(0);
        var quantity = Math.Min(bids[0].Size, 1_000_000) / 1000 * 1000;
        var id = h.Submit(new OrderRequest(h.Btc.Id, Side.Ask, OrderType.Limit, TimeInForce.ImmediateOrCancel, new Price(bids[0].Price), new Quantity(quantity)));
        h.RunUntil(() => h.Order(id).State == OrderState.Filled, "the IOC filled");
        var order = h.Order(id);
        Assert.That(order.VenueOrderId, Is.GreaterThan(0), "acknowledged with the venue's order id");
        Assert.That(order.Filled.Raw, Is.EqualTo(quantity));
        var notional = (long)((Int128)quantity * bids[0].Price / 100_000_000);
        Assert.That(order.Fees, Is.EqualTo(notional * 10 / 10_000), "the 0.1 % USDT commission is booked on the order");
        Assert.That(h.Engine.Positions[h.Btc.Id].Quantity.Raw, Is.EqualTo(-quantity));
        Assert.That(h.Gateway.Reports(ExecType.Fill), Is.EqualTo(1));
        h.RunUntil(() => h.Gateway.Balances.Count > 0, "balances from outboundAccountPosition");
    }

    [Test]
    public void IocBuyAtTheBestAskOfADislocatedBookFills()
    {
        using var server = Start();
        using var h = new GatewayHarness(server);
        server.Exchange.Pause();
        lock (server.Exchange.Gate)
        {
            server.Exchange.ShiftBook(0, -350 * 100_000_000L);
        }

        var (_, asks) = server.Exchange.CopyBook(0);
        var id = h.Submit(new OrderRequest(h.Btc.Id, Side.Bid, OrderType.Limit, TimeInForce.ImmediateOrCancel, new Price(asks[0].Price), new Quantity(Math.Min(asks[0].Size, 1_000_000) / 1000 * 1000)));
        h.RunUntil(() => Velox.Trading.Orders.OrderTransitions.IsTerminal(h.Order(id).State), "the IOC finished");
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.Filled));
    }

    [Test]
    public void BuyLegPricedOnAStaleAskExpiresAtTheTopButFillsWithTheSlippageTolerance()
    {
        using var server = Start();
        using var h = new GatewayHarness(server);
        server.Exchange.Pause();
        var staleAsk = server.Exchange.CopyBook(0).Asks[0].Price;

        // The arbitrage saw this ask and a bid 60 bps higher elsewhere (fees 20 + 10 bps, margin 5 bps); then the book moved up 2 bps.
        var sellElsewhere = staleAsk + (staleAsk / 10_000 * 60 / Tick * Tick);
        Velox.Strategies.Arbitrage.ArbitrageMath.TryLimitPrices(
            staleAsk, Velox.Strategies.BasisPoints.FromWhole(10), Tick, sellElsewhere, Velox.Strategies.BasisPoints.FromWhole(20), 100_000_000,
            Velox.Strategies.BasisPoints.FromWhole(5), Velox.Strategies.BasisPoints.FromWhole(5), out var buyLimit, out _);
        Assert.That(buyLimit, Is.EqualTo(staleAsk + (staleAsk * 5 / 10_000 / Tick * Tick)), "5 bps through the ask, on the 0.01 tick");
        lock (server.Exchange.Gate)
        {
            server.Exchange.ShiftBook(0, staleAsk / 10_000 * 2 / Tick * Tick);
        }

        var (_, asks) = server.Exchange.CopyBook(0);
        Assert.That(asks[0].Price, Is.GreaterThan(staleAsk).And.LessThanOrEqualTo(buyLimit));
        var quantity = Math.Min(asks[0].Size, 1_000_000) / 1000 * 1000;
        var atTop = h.Submit(new OrderRequest(h.Btc.Id, Side.Bid, OrderType.Limit, TimeInForce.ImmediateOrCancel, new Price(staleAsk), new Quantity(quantity)));
        h.RunUntil(() => Velox.Trading.Orders.OrderTransitions.IsTerminal(h.Order(atTop).State), "the IOC at the stale ask finished");
        Assert.That(h.Order(atTop).State, Is.EqualTo(OrderState.Expired), "nothing left at the price it saw");

        var through = h.Submit(new OrderRequest(h.Btc.Id, Side.Bid, OrderType.Limit, TimeInForce.ImmediateOrCancel, new Price(buyLimit), new Quantity(quantity)));
        h.RunUntil(() => Velox.Trading.Orders.OrderTransitions.IsTerminal(h.Order(through).State), "the IOC with the tolerance finished");
        Assert.That(h.Order(through).State, Is.EqualTo(OrderState.Filled));
        Assert.That(h.Order(through).FilledNotional, Is.EqualTo((Int128)asks[0].Price * quantity), "filled at the book's ask, not at the limit");
    }

    [Test]
    public void RestingOrderIsCancelledThroughTheGatewayAndKillSwitchCancelsAll()
    {
        using var server = Start();
        using var h = new GatewayHarness(server);
        var bid = server.Exchange.CopyBook(0).Bids[0].Price;
        var first = h.Submit(new OrderRequest(h.Btc.Id, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(bid - (100 * Tick)), new Quantity(1_000_000)));
        var second = h.Submit(new OrderRequest(h.Btc.Id, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(bid - (101 * Tick)), new Quantity(1_000_000)));
        h.RunUntil(() => h.Order(first).State == OrderState.New && h.Order(second).State == OrderState.New, "both acknowledged");
        Assert.That(server.OrderEntry!.OpenOrderCount(), Is.EqualTo(2));
        Assert.That(h.Gateway.TryCancel(first), Is.EqualTo(CommandStatus.Accepted));
        h.RunUntil(() => h.Order(first).State == OrderState.Cancelled, "cancel confirmed by the CANCELED report");
        h.Engine.KillSwitch.Engage();
        h.RunUntil(() => h.Order(second).State == OrderState.Cancelled && server.OrderEntry.OpenOrderCount() == 0, "kill switch: cancel-all at the venue");
        Assert.That(h.Gateway.CancelAllsSent, Is.EqualTo(1));
    }

    [Test]
    public void RejectReasonsReachTheOms()
    {
        using var server = Start();
        using var h = new GatewayHarness(server);
        var bid = server.Exchange.CopyBook(0).Bids[0].Price;
        var sentBefore = h.Gateway.OrdersSent;
        var tiny = h.Submit(new OrderRequest(h.Btc.Id, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(bid - (100 * Tick)), new Quantity(500)));
        Assert.That(h.Order(tiny).State, Is.EqualTo(OrderState.Rejected));
        Assert.That(h.Order(tiny).RejectCode, Is.EqualTo((ushort)BinanceRejectCode.QuantityBelowMin), "the LOT_SIZE filter from exchangeInfo, checked before sending");
        Assert.That(h.Gateway.OrdersSent, Is.EqualTo(sentBefore));

        h.InjectFault(server, FaultKind.RejectOrder);
        var refused = h.Submit(new OrderRequest(h.Btc.Id, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(bid - (100 * Tick)), new Quantity(1_000_000)));
        h.RunUntil(() => h.Order(refused).State == OrderState.Rejected, "venue reject");
        Assert.That(h.Order(refused).RejectCode, Is.EqualTo((ushort)BinanceRejectCode.VenueNewOrderRejected), "-2010");
        Assert.That(server.OrderEntry!.OpenOrderCount(), Is.Zero);
    }

    [Test]
    public void WrongSecretIsRefusedWith1022AndNothingIsSent()
    {
        using var server = Start();
        using var h = new GatewayHarness(server, secret: "wrong-secret", waitReady: false);
        h.RunUntil(() => h.Gateway.State == BinanceGatewayState.AuthFailed, "subscription refused");
        Assert.That(h.Gateway.LastAuthError, Does.Contain("-1022").And.Not.Contain("wrong-secret"));
        var id = h.Submit(new OrderRequest(h.Btc.Id, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(50_000_00000000), new Quantity(1_000_000)));
        Assert.That(h.Order(id).RejectCode, Is.EqualTo((ushort)BinanceRejectCode.NotConnected));
        Assert.That(server.OrderEntry!.Engine.Requests, Is.Zero);
    }

    private static VenueSimulatorServer Start()
    {
        var server = VenueSimulatorServer.Binance(seed: 21, eventsPerSecond: 20);
        server.Start();
        return server;
    }

    /// <summary>A gateway with its own engine (one BTCUSDT instrument) connected to <c>server</c>'s WebSocket API.</summary>
    internal sealed class GatewayHarness : IDisposable
    {
        public GatewayHarness(VenueSimulatorServer server, string? secret = null, bool waitReady = true, BinanceGatewayOptions? options = null)
        {
            var registry = new InstrumentRegistry();
            Btc = registry.Add(BinanceVenue.SpotName, "BTCUSDT", 8, 8);
            var clock = MonotonicClock.Instance;
            var orders = new OrderManager(new OmsOptions { MaxOrders = 256, MaxInstruments = 2 }, new ClientOrderIdSource(1), clock);
            var positions = new PositionBook(registry);
            var breakers = new CircuitBreakers(new BreakerOptions(), 2);
            var killSwitch = new KillSwitch();
            var risk = new PreTradeRisk(new RiskOptions { SelfTradePrevention = false, MaxMarketDataAgeNanos = long.MaxValue / 2 }, registry, clock, orders, positions, breakers, killSwitch);
            Engine = new TradingEngine(orders, risk, positions, breakers, killSwitch, clock);
            Gateway = new BinanceOrderGateway(Engine, registry, new VenueCredentials(BinanceOrderEntry.Demo.ApiKey, secret ?? BinanceOrderEntry.Demo.ApiSecret), new SystemWallClock(), options);
            using (var http = new HttpClient())
            {
                Gateway.LoadFilters(BinanceExchangeInfo.Load(http.GetStringAsync(new Uri(server.Rest!.BaseAddress, "api/v3/exchangeInfo")).GetAwaiter().GetResult(), registry));
            }

            Gateway.Connect(new Uri(server.BaseUrl, BinanceApiConnection.Path));
            if (waitReady)
            {
                RunUntil(() => Gateway.State == BinanceGatewayState.Ready, "subscribed");
            }
        }

        public Instrument Btc { get; }

        public TradingEngine Engine { get; }

        public BinanceOrderGateway Gateway { get; }

        public long Submit(in OrderRequest request)
        {
            var market = new MarketState(BookSyncState.InSync, MonotonicClock.Now(), request.Price.Raw > 0 ? request.Price : new Price(60_000_00000000));
            var status = Gateway.TrySubmit(request, market, out var reason, out var id);
            Assert.That(status, Is.EqualTo(SubmitStatus.Accepted), reason.ToString());
            return id;
        }

        public Order Order(long id)
        {
            Assert.That(Engine.Orders.TryGet(id, out var order), Is.True);
            return order;
        }

        /// <summary>Requests <paramref name="kind"/> on the server's one connection and waits until its thread took it up.</summary>
        public void InjectFault(VenueSimulatorServer server, FaultKind kind)
        {
            Assert.That(server.InjectFault(kind), Is.EqualTo(1));
            RunUntil(() => server.ConnectionsWithPendingFaults == 0, $"the connection took up {kind}");
        }

        public void RunUntil(Func<bool> done, string what) =>
            ClientLoop.RunUntil(Gateway.DoWork, done, what, () => $"gateway {Gateway.State} {Gateway.LastAuthError} {Gateway.LastVenueError}");

        public void Dispose() => Gateway.Dispose();
    }
}
