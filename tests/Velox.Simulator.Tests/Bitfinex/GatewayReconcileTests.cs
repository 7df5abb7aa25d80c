using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Net.Reconnect;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Simulator.Market;
using Velox.Simulator.Matching;
using Velox.Trading;
using Velox.Trading.Credentials;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Positions;
using Velox.Trading.Risk;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Session;
using Velox.Venues.Bitfinex.Trading;

namespace Velox.Simulator.Tests.Bitfinex;

/// <summary>
/// "No fill lost": the real Bitfinex gateway and connector against the real simulator over loopback WebSocket and REST.
/// Orders rest without a dead-man switch (fills from tu, as the host books them); the simulator drops the connection; while it is down another account trades
/// against them (fully, in part, then cancelled); after the reconnect the gateway asks the REST API and books each trade
/// with its price, size and fee, so the position matches the simulator's wallet.
/// </summary>
[NonParallelizable]
[CancelAfter(60_000)]
public sealed class GatewayReconcileTests
{
    private const long Mts = 1_700_000_000_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static readonly SimAccount Taker = new()
    {
        ApiKey = "taker-key",
        ApiSecret = "taker-secret",
        UserId = 2,
        Balances = new Dictionary<string, string> { ["USD"] = "10000000", ["BTC"] = "100" },
    };

    [Test]
    public void An_order_filled_while_down_is_booked_from_rest_with_price_size_and_fee_and_a_late_trade_is_not_booked_twice()
    {
        using var rig = new Rig();
        rig.WaitReady();
        var ask = rig.Place(Side.Ask, 66_000, 1_000_000);
        var venueId = rig.Order(ask).VenueOrderId;

        rig.Drop();
        rig.Take(66_000, 1_000_000);
        Assert.That(rig.Matching.OpenOrderCount(0), Is.Zero, "filled at the venue while the gateway was away");

        Assert.That(rig.PollUntil(() => rig.Gateway.State == BitfinexGatewayState.Ready && rig.Order(ask).State == OrderState.Filled), Is.True,
            $"state {rig.Gateway.State}, order {rig.Order(ask).State}, {rig.Gateway.LastReconcileError}");
        var order = rig.Order(ask);
        Assert.Multiple(() =>
        {
            Assert.That(order.Filled.Raw, Is.EqualTo(1_000_000));
            Assert.That(order.FilledNotional / order.Filled.Raw, Is.EqualTo((Int128)66_000_0000000000), "fill price");
            Assert.That(order.Fees, Is.EqualTo(66_000_000), "maker fee 0.1% of 660 USD = 0.66 USD");
            Assert.That(rig.Engine.Positions[rig.Btc].Quantity.Raw, Is.EqualTo(-1_000_000));
            Assert.That(rig.Engine.Positions[rig.Btc].Quantity.Raw, Is.EqualTo(rig.BtcBalanceChange()), "position = the simulator's BTC wallet change");
            Assert.That(rig.Gateway.Reconciliations, Is.EqualTo(1));
            Assert.That(rig.Gateway.ReconciledFills, Is.EqualTo(1));
            Assert.That(rig.Gateway.UnverifiedCloses, Is.Zero);
            Assert.That(rig.Gateway.ReconcileFailures, Is.Zero);
        });

        // The same trade arriving late on the socket (a tu after the reconnect) is a duplicate fill id: not booked again.
        var fills = new List<ExecutionEvent>();
        rig.Matching.CopyFills(0, venueId, fills);
        var tradeId = fills.Single().TradeId;
        var duplicates = rig.Engine.Orders.Count(ReportOutcome.DuplicateFill);
        rig.Feed($"[0,\"tu\",[{tradeId},\"tBTCUSD\",{Mts},{venueId},-0.01,66000,\"EXCHANGE LIMIT\",66000,1,-0.66,\"USD\",{BitfinexClientIds.ToCid(ask)}]]");
        Assert.Multiple(() =>
        {
            Assert.That(rig.Engine.Orders.Count(ReportOutcome.DuplicateFill), Is.EqualTo(duplicates + 1));
            Assert.That(rig.Engine.Positions[rig.Btc].Quantity.Raw, Is.EqualTo(-1_000_000));
            Assert.That(rig.Order(ask).Fees, Is.EqualTo(66_000_000));
            Assert.That(rig.Gateway.Unmatched, Is.Zero);
        });
    }

    [Test]
    public void Orders_filled_in_part_while_down_are_booked_whether_still_open_or_since_cancelled()
    {
        using var rig = new Rig();
        rig.WaitReady();
        var open = rig.Place(Side.Ask, 66_100, 2_000_000);
        var cancelled = rig.Place(Side.Ask, 66_000, 1_000_000);

        rig.Drop();
        rig.Take(66_000, 400_000);
        rig.Matching.Cancel(0, rig.Order(cancelled).VenueOrderId, 0, 0, Mts, new Sink());
        rig.Take(66_100, 500_000);

        Assert.That(rig.PollUntil(() => rig.Gateway.State == BitfinexGatewayState.Ready && rig.Order(cancelled).State == OrderState.Cancelled), Is.True,
            $"state {rig.Gateway.State}, order {rig.Order(cancelled).State}, {rig.Gateway.LastReconcileError}");
        Assert.Multiple(() =>
        {
            Assert.That(rig.Order(open).State, Is.EqualTo(OrderState.PartiallyFilled), "in os with less AMOUNT: its trade is booked, it stays open");
            Assert.That(rig.Order(open).Filled.Raw, Is.EqualTo(500_000));
            Assert.That(rig.Order(open).Fees, Is.EqualTo(33_050_000), "0.1% of 0.005 × 66100");
            Assert.That(rig.Order(cancelled).Filled.Raw, Is.EqualTo(400_000), "CANCELED was: PARTIALLY FILLED: the fill, then the cancel");
            Assert.That(rig.Order(cancelled).Fees, Is.EqualTo(26_400_000), "0.1% of 0.004 × 66000");
            Assert.That(rig.Engine.Positions[rig.Btc].Quantity.Raw, Is.EqualTo(-900_000));
            Assert.That(rig.Engine.Positions[rig.Btc].Quantity.Raw, Is.EqualTo(rig.BtcBalanceChange()));
            Assert.That(rig.Gateway.ReconciledFills, Is.EqualTo(2));
            Assert.That(rig.Gateway.UnverifiedCloses, Is.Zero);
        });

        // Ready again: the rest of the open order is cancelled through the gateway as usual.
        Assert.That(rig.Gateway.TryCancel(open), Is.EqualTo(CommandStatus.Accepted));
        rig.Connector.FlushOutbound();
        Assert.That(rig.PollUntil(() => rig.Order(open).State == OrderState.Cancelled), Is.True, $"{rig.Order(open).State}");
        Assert.That(rig.Matching.OpenOrderCount(0), Is.Zero);
    }

    [Test]
    public void A_trade_booked_before_the_drop_is_not_booked_again_from_rest()
    {
        using var rig = new Rig();
        rig.WaitReady();
        var ask = rig.Place(Side.Ask, 66_000, 2_000_000);
        rig.Take(66_000, 500_000);
        Assert.That(rig.PollUntil(() => rig.Order(ask).Filled.Raw == 500_000 && rig.Order(ask).Fees > 0), Is.True, "the first trade arrives over the socket");

        rig.Drop();
        rig.Take(66_000, 700_000);
        var duplicates = rig.Engine.Orders.Count(ReportOutcome.DuplicateFill);
        Assert.That(rig.PollUntil(() => rig.Gateway.State == BitfinexGatewayState.Ready && rig.Order(ask).Filled.Raw == 1_200_000), Is.True,
            $"state {rig.Gateway.State}, filled {rig.Order(ask).Filled.Raw}, {rig.Gateway.LastReconcileError}");
        Assert.Multiple(() =>
        {
            Assert.That(rig.Gateway.ReconciledFills, Is.EqualTo(1), "REST lists both trades; only the one made while away is new");
            Assert.That(rig.Engine.Orders.Count(ReportOutcome.DuplicateFill), Is.EqualTo(duplicates + 1));
            Assert.That(rig.Order(ask).State, Is.EqualTo(OrderState.PartiallyFilled));
            Assert.That(rig.Order(ask).Fees, Is.EqualTo(79_200_000), "0.1% of 0.012 × 66000, each trade's fee once");
            Assert.That(rig.Engine.Positions[rig.Btc].Quantity.Raw, Is.EqualTo(rig.BtcBalanceChange()));
        });
    }

    [Test]
    public void A_reconciliation_cut_short_by_another_drop_is_abandoned_and_done_again_after_the_next_auth()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(8);
        using var rig = new Rig(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}/"), TimeSpan.FromSeconds(2));
        rig.WaitReady();
        var ask = rig.Place(Side.Ask, 66_000, 1_000_000);
        rig.Drop();
        rig.Take(66_000, 400_000);
        Assert.That(rig.PollUntil(() => rig.Gateway.ReconciliationPending), Is.True, $"no reconciliation started: {rig.Gateway.State}");

        rig.Drop();
        Assert.That(rig.Gateway.ReconciliationPending, Is.False, "the answers of the old connection are not waited for");
        Assert.That(rig.Order(ask).State, Is.EqualTo(OrderState.New), "nothing booked for the abandoned reconciliation");
        Assert.That(rig.PollUntil(() => rig.Gateway.State == BitfinexGatewayState.Ready), Is.True, $"stuck in {rig.Gateway.State}");
        Assert.Multiple(() =>
        {
            Assert.That(rig.Gateway.ReconcileFailures, Is.EqualTo(1), "only the reconciliation of the last connection counts");
            Assert.That(rig.Order(ask).State, Is.EqualTo(OrderState.New), "still in os: open, its trade made while away unbooked (REST never answered)");
            Assert.That(rig.Gateway.UnverifiedCloses, Is.Zero);
        });
    }

    [TestCase(false, TestName = "REST refused: old fallback, counted, never stuck")]
    [TestCase(true, TestName = "REST silent: times out, old fallback, counted, not Ready meanwhile")]
    public void Without_an_answer_from_rest_the_gateway_falls_back_and_counts_it(bool silent)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        if (silent)
        {
            listener.Listen(8);
        }
        else
        {
            listener.Close();
        }

        using var rig = new Rig(new Uri($"http://127.0.0.1:{port}/"), TimeSpan.FromMilliseconds(silent ? 800 : 5_000));
        rig.WaitReady();
        var ask = rig.Place(Side.Ask, 66_000, 1_000_000);
        rig.Drop();
        rig.Take(66_000, 1_000_000);

        if (silent)
        {
            Assert.That(rig.PollUntil(() => rig.Gateway.ReconciliationPending), Is.True, $"no reconciliation started: {rig.Gateway.State}");
            Assert.That(rig.Gateway.State, Is.EqualTo(BitfinexGatewayState.Reconciling));
            var market = new MarketState(BookSyncState.InSync, MonotonicClock.Now(), new Price(66_000_0000000000));
            var request = OrderRequest.Limit(rig.Btc, Side.Ask, new Price(66_000_0000000000), new Quantity(1_000_000));
            Assert.That(rig.Gateway.TrySubmit(request, market, out _, out var refused), Is.EqualTo(SubmitStatus.Accepted), "the engine accepts");
            Assert.That(rig.Order(refused).State, Is.EqualTo(OrderState.Rejected), "but the gateway does not send while reconciling");
        }

        Assert.That(rig.PollUntil(() => rig.Gateway.State == BitfinexGatewayState.Ready), Is.True, $"stuck in {rig.Gateway.State}");
        Assert.Multiple(() =>
        {
            Assert.That(rig.Order(ask).State, Is.EqualTo(OrderState.Cancelled), "the old behaviour: missing from os → cancel ack");
            Assert.That(rig.Gateway.ReconcileFailures, Is.EqualTo(1));
            Assert.That(rig.Gateway.UnverifiedCloses, Is.EqualTo(1));
            Assert.That(rig.Gateway.ReconciledFills, Is.Zero);
            Assert.That(rig.Gateway.LastReconcileError, silent ? Does.Contain("timed out") : Does.Contain("orders/tBTCUSD/hist"));
        });
    }

    private sealed class Sink : IExecutionSink
    {
        public void Enqueue(in ExecutionEvent e)
        {
        }
    }

    private sealed class EmptyBook : ISyntheticLiquidity
    {
        public int Depth(int instrument, bool bids) => 0;

        public Velox.MarketData.BookLevel Level(int instrument, bool bids, int index) => default;

        public void Consume(int instrument, bool bids, long size, long tradePrice, bool takerBuys, long mts)
        {
        }
    }

    private sealed class Rig : IDisposable
    {
        private const long PriceUnit = 1_0000000000;
        private readonly SystemWallClock _wall = new();
        private readonly long _btcAtStart;

        public Rig(Uri? restBaseUri = null, TimeSpan? restTimeout = null)
        {
            Server = new BitfinexSimulatorServer(new SimulatorOptions { Seed = 3, EventsPerSecond = 20, Accounts = [SimAccount.Demo, Taker] });
            Server.Start();
            var registry = new InstrumentRegistry();
            var spec = SimInstrumentSpec.BtcUsd;
            Btc = registry.Add(BitfinexVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale).Id;
            Session = new BitfinexMarketDataSession(registry, new BitfinexSessionOptions());
            var clock = MonotonicClock.Instance;
            var ids = new ClientOrderIdSource(1);
            var orders = new OrderManager(new OmsOptions { MaxOrders = 64, MaxInstruments = 4 }, ids, clock);
            var positions = new PositionBook(registry);
            var breakers = new CircuitBreakers(new BreakerOptions(), 4);
            var killSwitch = new KillSwitch();
            var risk = new PreTradeRisk(new RiskOptions { MaxMarketDataAgeNanos = long.MaxValue }, registry, clock, orders, positions, breakers, killSwitch);
            Engine = new TradingEngine(orders, risk, positions, breakers, killSwitch, clock);
            Gateway = new BitfinexOrderGateway(
                Engine, registry, ids, new VenueCredentials(SimAccount.Demo.ApiKey, SimAccount.Demo.ApiSecret), new BitfinexNonce(_wall), _wall,
                new BitfinexGatewayOptions { DeadManSwitch = 0, FillsFromTradeUpdateOnly = true, RestBaseUri = restBaseUri ?? Server.RestUrl, RestTimeout = restTimeout ?? TimeSpan.FromSeconds(5) });
            Gateway.Attach(Session);
            var reconnect = new ReconnectPolicy(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), ReconnectJitter.Full, new Random(1));
            Connector = new BitfinexConnector<NullMarketDataHandler>(Server.Url, Session, default, reconnect);
            _btcAtStart = BtcBalance();
        }

        public BitfinexSimulatorServer Server { get; }

        public MatchingEngine Matching => Server.Simulator!.Engine;

        public InstrumentId Btc { get; }

        public BitfinexMarketDataSession Session { get; }

        public TradingEngine Engine { get; }

        public BitfinexOrderGateway Gateway { get; }

        public BitfinexConnector<NullMarketDataHandler> Connector { get; }

        public void WaitReady() =>
            Assert.That(PollUntil(() => Gateway.State == BitfinexGatewayState.Ready), Is.True, $"not ready: {Gateway.State} {Gateway.LastAuthError}");

        /// <summary>Places a resting limit order (whole-dollar price, raw size) and waits for its ack.</summary>
        public long Place(Side side, long dollars, long size)
        {
            var price = new Price(dollars * PriceUnit);
            var market = new MarketState(BookSyncState.InSync, MonotonicClock.Now(), price);
            var status = Gateway.TrySubmit(OrderRequest.Limit(Btc, side, price, new Quantity(size)), market, out var reason, out var id);
            Assert.That(status, Is.EqualTo(SubmitStatus.Accepted), $"refused: {reason}");
            Connector.FlushOutbound();
            Assert.That(PollUntil(() => Order(id).State == OrderState.New), Is.True, $"no ack: {Order(id).State} {Gateway.LastVenueError}");
            return id;
        }

        /// <summary>The simulator drops the connection; the connector is not polled again until the test says so (the gateway stays away).</summary>
        public void Drop()
        {
            var deadline = Stopwatch.StartNew();
            while (Server.InjectFault(FaultKind.Disconnect) == 0)
            {
                Assert.That(deadline.Elapsed, Is.LessThan(Timeout), "no live connection to drop");
                Thread.Sleep(5);
            }

            Assert.That(PollUntil(() => Gateway.State == BitfinexGatewayState.Disconnected), Is.True, $"still {Gateway.State}");
        }

        /// <summary>Another account buys <paramref name="size"/> up to <paramref name="dollars"/>: it trades against our resting asks.</summary>
        public void Take(long dollars, long size) =>
            Matching.Submit(new SimOrderRequest { Account = 1, Instrument = 0, Amount = size, Price = dollars * PriceUnit, Type = SimOrderType.Limit }, new EmptyBook(), Mts, new Sink());

        public long BtcBalanceChange() => BtcBalance() - _btcAtStart;

        public Order Order(long clientOrderId)
        {
            Assert.That(Engine.Orders.TryGet(clientOrderId, out var order), Is.True);
            return order;
        }

        public void Feed(string frame) => Session.ProcessFrame(Encoding.UTF8.GetBytes(frame), MonotonicClock.Now());

        public bool PollUntil(Func<bool> condition)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < Timeout)
            {
                if (Connector.DoWork() == 0)
                {
                    Thread.Sleep(1);
                }

                if (condition())
                {
                    return true;
                }
            }

            return false;
        }

        public void Dispose()
        {
            Connector.Dispose();
            Server.Dispose();
        }

        private long BtcBalance()
        {
            var count = Matching.Currencies.Count;
            var balances = new long[count];
            Matching.CopyWallets(0, balances, new long[count]);
            return balances[Matching.BaseCurrency(0)];
        }
    }
}
