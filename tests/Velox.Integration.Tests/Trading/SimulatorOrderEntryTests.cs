using System.Diagnostics;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Net.Reconnect;
using Velox.Simulator;
using Velox.Simulator.Hosting;
using Velox.Simulator.Matching;
using Velox.Trading;
using Velox.Trading.Credentials;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Positions;
using Velox.Trading.Risk;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Session;
using Velox.Venues.Bitfinex.Trading;

namespace Velox.Integration.Tests.Trading;

/// <summary>
/// The contract between our Bitfinex order-entry client and our simulator, end to end over a real loopback
/// WebSocket: the real simulator server, the real connector with the gateway attached (SEQ_ALL + checksums on
/// the same connection), and a real <see cref="TradingEngine"/>. Places, fills and cancels orders and checks
/// that neither side saw anything it did not understand.
/// </summary>
[NonParallelizable]
public class SimulatorOrderEntryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Test]
    public void Orders_are_acked_cancelled_and_filled_with_continuous_sequences()
    {
        using var rig = new Rig();
        Assert.That(rig.PollUntil(() => rig.Gateway.State == BitfinexGatewayState.Ready && rig.Book is { } b && rig.InSync), Is.True,
            $"not ready: gateway {rig.Gateway.State} {rig.Gateway.LastAuthError}");

        // A resting buy well below the market: acknowledged, open at the simulator, then cancelled.
        var restingPrice = new Price(rig.BestBid - (rig.BestBid / 100 / Tick * Tick));
        var resting = rig.Submit(OrderRequest.Limit(rig.Btc, Side.Bid, restingPrice, new Quantity(1_000_000)));
        Assert.That(rig.PollUntil(() => rig.StateOf(resting) == OrderState.New), Is.True, $"no ack: {rig.StateOf(resting)} {rig.Gateway.LastVenueError}");
        Assert.That(rig.Matching.OpenOrderCount(0), Is.EqualTo(1), "the order rests at the simulator");
        Assert.That(rig.Gateway.TryCancel(resting), Is.EqualTo(CommandStatus.Accepted));
        Assert.That(rig.PollUntil(() => rig.StateOf(resting) == OrderState.Cancelled), Is.True, $"no cancel ack: {rig.StateOf(resting)}");
        Assert.That(rig.Matching.OpenOrderCount(0), Is.Zero);

        // A marketable IOC buy: filled (booked from tu, which carries the fee), position and fee follow.
        var takePrice = new Price(rig.BestAsk + (rig.BestAsk / 200 / Tick * Tick));
        var taker = rig.Submit(new OrderRequest(rig.Btc, Side.Bid, OrderType.Limit, TimeInForce.ImmediateOrCancel, takePrice, new Quantity(1_000_000)));
        Assert.That(rig.PollUntil(() => rig.StateOf(taker) is OrderState.Filled or OrderState.Expired), Is.True, $"no fill: {rig.StateOf(taker)}");
        Assert.That(rig.StateOf(taker), Is.EqualTo(OrderState.Filled));
        Assert.That(rig.Engine.Positions[rig.Btc].Quantity.Raw, Is.EqualTo(1_000_000));
        Assert.That(rig.Engine.Positions[rig.Btc].Fees, Is.GreaterThan(0), "taker fee from tu");

        // A resting sell above the market, then the kill switch: one cancel-all empties the account.
        var askPrice = new Price(rig.BestAsk + (rig.BestAsk / 100 / Tick * Tick));
        var ask = rig.Submit(OrderRequest.Limit(rig.Btc, Side.Ask, askPrice, new Quantity(1_000_000)));
        Assert.That(rig.PollUntil(() => rig.StateOf(ask) == OrderState.New), Is.True, "no ack for the sell");
        rig.Engine.KillSwitch.Engage();
        rig.Gateway.DoWork();
        Assert.That(rig.PollUntil(() => rig.StateOf(ask) == OrderState.Cancelled), Is.True, $"kill switch did not cancel: {rig.StateOf(ask)}");
        Assert.That(rig.Matching.OpenOrderCount(0), Is.Zero);

        // Let tu frames and wallet updates arrive, then check that both sides agreed on everything.
        rig.PollFor(TimeSpan.FromMilliseconds(300));
        var stats = rig.Session.Stats;
        Assert.Multiple(() =>
        {
            Assert.That(stats.Errors, Is.Zero, "session errors (e.g. missing sequence numbers)");
            Assert.That(stats.SequenceGaps, Is.Zero, "public sequence continuous across public and channel 0 frames");
            Assert.That(rig.Gateway.AuthSequenceGaps, Is.Zero);
            Assert.That(rig.Gateway.MalformedFrames, Is.Zero);
            Assert.That(rig.Gateway.Unmatched, Is.Zero);
            Assert.That(rig.Gateway.UnknownOrders, Is.Zero);
            Assert.That(rig.Gateway.AuthFailures, Is.Zero);
            Assert.That(rig.Gateway.FeesNotBooked, Is.Zero);
            Assert.That(rig.Engine.Orders.IllegalTransitions, Is.Zero);
            Assert.That(rig.Connector.Connects, Is.EqualTo(1));
            Assert.That(rig.Gateway.Wallets.Count, Is.GreaterThan(0), "wallet snapshot after auth");
        });
    }

    [Test]
    public void Amends_are_acked_and_the_simulators_order_matches_the_oms_after_each()
    {
        using var rig = new Rig();
        Assert.That(rig.PollUntil(() => rig.Gateway.State == BitfinexGatewayState.Ready && rig.Book is { } b && rig.InSync), Is.True,
            $"not ready: gateway {rig.Gateway.State} {rig.Gateway.LastAuthError}");

        // A post-only bid 1 % below the market, then five amends of price and size (one at a time, each acknowledged).
        var basePrice = rig.BestBid - (rig.BestBid / 100 / Tick * Tick);
        var bid = rig.Submit(new OrderRequest(rig.Btc, Side.Bid, OrderType.PostOnly, TimeInForce.GoodTillCancel, new Price(basePrice), new Quantity(1_000_000)));
        Assert.That(rig.PollUntil(() => rig.StateOf(bid) == OrderState.New), Is.True, $"no ack: {rig.StateOf(bid)} {rig.Gateway.LastVenueError}");
        for (var k = 1; k <= 5; k++)
        {
            var price = new Price(basePrice - (k * Tick));
            var quantity = new Quantity(1_000_000 + (k * 100_000));
            Assert.That(rig.Gateway.TryAmend(bid, price, quantity), Is.EqualTo(CommandStatus.Accepted));
            rig.Connector.FlushOutbound();
            Assert.That(
                rig.PollUntil(() => rig.Engine.Orders.TryGet(bid, out var o) && o.State == OrderState.Replaced && o.Price == price),
                Is.True,
                $"amend {k} not acknowledged: {rig.StateOf(bid)} {rig.Gateway.LastVenueError}");

            Assert.That(rig.Engine.Orders.TryGet(bid, out var order), Is.True);
            var open = new List<SimOrderSnapshot>();
            rig.Matching.CopyOpenOrders(0, open);
            Assert.That(open, Has.Count.EqualTo(1), "still one order at the simulator: amended, not replaced");
            Assert.Multiple(() =>
            {
                Assert.That(open[0].Id, Is.EqualTo(order.VenueOrderId));
                Assert.That(open[0].Price, Is.EqualTo(order.Price.Raw), $"amend {k}: price at the simulator");
                Assert.That(open[0].Amount, Is.EqualTo(order.Quantity.Raw - order.Filled.Raw), $"amend {k}: amount working at the simulator");
                Assert.That(order.Quantity, Is.EqualTo(quantity));
            });
        }

        // Amended 1 % through the ask (far more than the market moves meanwhile), the post-only bid is cancelled by the
        // venue instead of taking.
        var through = new Price(rig.BestAsk + (rig.BestAsk / 100 / Tick * Tick));
        Assert.That(rig.Gateway.TryAmend(bid, through, new Quantity(1_000_000)), Is.EqualTo(CommandStatus.Accepted));
        rig.Connector.FlushOutbound();
        Assert.That(rig.PollUntil(() => rig.StateOf(bid) is OrderState.Expired or OrderState.Cancelled), Is.True, $"crossing post-only amend: {rig.StateOf(bid)}");
        Assert.That(rig.Matching.OpenOrderCount(0), Is.Zero);
        Assert.That(rig.Engine.Positions[rig.Btc].Quantity.Raw, Is.Zero, "it never took");

        rig.PollFor(TimeSpan.FromMilliseconds(200));
        Assert.Multiple(() =>
        {
            Assert.That(rig.Gateway.AmendsSent, Is.EqualTo(6));
            Assert.That(rig.Gateway.Reports(ExecType.ReplaceAck), Is.EqualTo(6));
            Assert.That(rig.Gateway.Reports(ExecType.ReplaceReject), Is.Zero);
            Assert.That(rig.Gateway.MalformedFrames, Is.Zero);
            Assert.That(rig.Gateway.Unmatched, Is.Zero);
            Assert.That(rig.Engine.Orders.IllegalTransitions, Is.Zero);
            Assert.That(rig.Session.Stats.SequenceGaps, Is.Zero);
        });
    }

    private const long Tick = 1_0000000000;

    private sealed class Rig : IDisposable
    {
        private readonly SystemWallClock _wall = new();

        public Rig()
        {
            Server = new BitfinexSimulatorServer(new SimulatorOptions { Seed = 11, EventsPerSecond = 2000 });
            Server.Start();
            var registry = new InstrumentRegistry();
            var spec = Velox.Simulator.Market.SimInstrumentSpec.BtcUsd;
            Btc = registry.Add(BitfinexVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale).Id;
            Session = new BitfinexMarketDataSession(registry, new BitfinexSessionOptions { ConfFlags = BitfinexConfFlags.SeqAll | BitfinexConfFlags.OrderBookChecksum });
            Session.SubscribeBook(spec.Symbol, "P0", "F0", 25);
            Session.SubscribeTrades(spec.Symbol);
            var clock = MonotonicClock.Instance;
            var ids = new ClientOrderIdSource(1);
            var orders = new OrderManager(new OmsOptions { MaxOrders = 256, MaxInstruments = 4 }, ids, clock);
            var positions = new PositionBook(registry);
            var breakers = new CircuitBreakers(new BreakerOptions(), 4);
            var killSwitch = new KillSwitch();
            var risk = new PreTradeRisk(new RiskOptions { MaxMarketDataAgeNanos = long.MaxValue }, registry, clock, orders, positions, breakers, killSwitch);
            Engine = new TradingEngine(orders, risk, positions, breakers, killSwitch, clock);
            Gateway = new BitfinexOrderGateway(Engine, registry, ids, new VenueCredentials(SimAccount.Demo.ApiKey, SimAccount.Demo.ApiSecret), new BitfinexNonce(_wall), _wall,
                new BitfinexGatewayOptions { FillsFromTradeUpdateOnly = true });
            Gateway.Attach(Session);
            var reconnect = new ReconnectPolicy(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5), ReconnectJitter.Full, new Random(1));
            Connector = new BitfinexConnector<NullMarketDataHandler>(Server.Url, Session, default, reconnect);
        }

        public BitfinexSimulatorServer Server { get; }

        public MatchingEngine Matching => Server.Simulator!.Engine;

        public InstrumentId Btc { get; }

        public BitfinexMarketDataSession Session { get; }

        public TradingEngine Engine { get; }

        public BitfinexOrderGateway Gateway { get; }

        public BitfinexConnector<NullMarketDataHandler> Connector { get; }

        public Velox.MarketData.Books.L2Book? Book => Session.Find("tBTCUSD", BitfinexChannelType.Book)?.Book;

        public bool InSync => Session.Find("tBTCUSD", BitfinexChannelType.Book)?.State == BookSyncState.InSync && Book!.Bids.Count > 0 && Book.Asks.Count > 0;

        public long BestBid => Book!.Bids.Best.Price;

        public long BestAsk => Book!.Asks.Best.Price;

        public long Submit(in OrderRequest request)
        {
            var market = new MarketState(BookSyncState.InSync, MonotonicClock.Now(), new Price((BestBid + BestAsk) / 2));
            var status = Gateway.TrySubmit(request, market, out var reason, out var id);
            Assert.That(status, Is.EqualTo(SubmitStatus.Accepted), $"refused: {reason}");
            Connector.FlushOutbound();
            return id;
        }

        public OrderState? StateOf(long clientOrderId) => Engine.Orders.TryGet(clientOrderId, out var order) ? order.State : null;

        public bool PollUntil(Func<bool> condition)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < Timeout)
            {
                if (Connector.DoWork() == 0)
                {
                    Thread.Yield();
                }

                if (condition())
                {
                    return true;
                }
            }

            return false;
        }

        public void PollFor(TimeSpan duration)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                if (Connector.DoWork() == 0)
                {
                    Thread.Yield();
                }
            }
        }

        public void Dispose()
        {
            Connector.Dispose();
            Server.Dispose();
        }
    }
}
