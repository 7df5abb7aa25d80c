using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.Host.Config;
using Velox.Host.Trading;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Strategies.Execution;
using Velox.Strategies.Hosting;
using Velox.Trading;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Positions;
using Velox.Trading.Risk;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Host.Tests.Trading;

/// <summary>
/// The pieces of a trading run's md thread without the sockets: engine (OMS, risk, positions, breakers from a
/// <see cref="RiskConfig"/> through <see cref="TradingSettings"/>), the market maker behind a dry-run sink, the
/// <see cref="TradingDesk{TSink}"/> and its <see cref="BreakerFeed"/>, on a replay clock and a settable wall clock.
/// <see cref="Cycle"/> is one duty-cycle turn as <see cref="TradingLoop{TSink}"/> runs it. Instrument: tBTCUSD at
/// price scale 2, size scale 4.
/// </summary>
internal sealed class DeskHarness
{
    public static readonly InstrumentId A = new(0);

    private long _fillId;

    public DeskHarness(BreakerConfig breakers)
    {
        var registry = new InstrumentRegistry();
        Registry = registry;
        Instrument = registry.Add("bitfinex", "tBTCUSD", 2, 4);
        Clock = new ReplayClock(1_000_000_000);
        Wall = new SettableWallClock(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
        Assert.That(TradingSettings.TryBreakers(new RiskConfig { Breakers = breakers }, out var breakerOptions, out var error), Is.True, error);
        BreakerOptions = breakerOptions;
        var orders = new OrderManager(new OmsOptions { MaxOrders = 1024, MaxInstruments = 1 }, new ClientOrderIdSource(3), Clock);
        var positions = new PositionBook(registry);
        var circuitBreakers = new CircuitBreakers(breakerOptions, 1);
        var killSwitch = new KillSwitch();
        var risk = new PreTradeRisk(
            new RiskOptions { VenueOrderBurst = 1_000_000, VenueOrdersPerSecond = 1_000_000, MaxMarketDataAgeNanos = 1_000_000_000_000, SelfTradePrevention = false },
            registry, Clock, orders, positions, circuitBreakers, killSwitch);
        Engine = new TradingEngine(orders, risk, positions, circuitBreakers, killSwitch, Clock);
        Book = new L2Book(A, 50);
        var market = new MarketView(1);
        market.Attach(Book);
        Venue = new DryRunVenue(Clock, commandHistory: 1 << 14);
        Assert.That(TradingSettings.TryMarketMaker(new MarketMakingConfig(), Instrument, 1, out var parameters, out error), Is.True, error);
        Host = StrategyHosts.MarketMaker(parameters!, Engine, market, new DryRunSink(Venue), Clock);
        var session = new BitfinexMarketDataSession(registry);
        BookSubscription = session.SubscribeBook("tBTCUSD");
        Desk = new TradingDesk<DryRunSink>(Host, BookSubscription, new TickToTrade());
        Feed = new BreakerFeed(Engine, market, [Instrument], breakerOptions, Clock, Wall, intervalNanos: 10_000_000);
        Desk.BreakerFeed = Feed;
        Host.OnBookState(A, BookSyncState.InSync);
    }

    public InstrumentRegistry Registry { get; }

    public Instrument Instrument { get; }

    public Velox.Venues.Bitfinex.Channels.BitfinexSubscription BookSubscription { get; }

    public ReplayClock Clock { get; }

    public SettableWallClock Wall { get; }

    public BreakerOptions BreakerOptions { get; }

    public TradingEngine Engine { get; }

    public L2Book Book { get; }

    public DryRunVenue Venue { get; }

    public StrategyHost<Velox.Strategies.MarketMaking.MarketMaker<DryRunSink>, DryRunSink> Host { get; }

    public TradingDesk<DryRunSink> Desk { get; }

    public BreakerFeed Feed { get; }

    public TradingMode Mode => Engine.Breakers.Mode;

    /// <summary>Sets the top of book (raw, scale 2) and delivers the update through the strategy host (volatility breaker).</summary>
    public void Top(long bid, long ask)
    {
        Book.Clear();
        Book.Apply(Side.Bid, bid, 50_000, 1);
        Book.Apply(Side.Ask, ask, 50_000, 1);
        Host.OnBookUpdate(new BookUpdate(A, Side.Bid, bid, 50_000, 1, BookUpdateFlags.None, Clock.NowNanos()));
    }

    /// <summary>One md-thread turn: the dry-run venue's reports, the breaker feed, the strategy timer (stops → cancel-all).</summary>
    public void Cycle()
    {
        var reports = new DeskReports<DryRunSink>(Desk);
        Venue.DrainReports(ref reports);
        Feed.Poll();
        Host.OnTimer(Clock.NowNanos());
    }

    /// <summary>Places an order of our own through the router and lets the venue acknowledge it; returns its id.</summary>
    public long Place(Side side, long price, long quantity)
    {
        var status = Host.Router.Submit(OrderRequest.Limit(A, side, new Price(price), new Quantity(quantity)), out var id, out var reason);
        Assert.That(status, Is.EqualTo(RouteStatus.Sent), reason.ToString());
        Cycle();
        return id;
    }

    /// <summary>A fill of one of our orders as the venue reports it (desk → engine → positions → breaker feed).</summary>
    public void Fill(long clientOrderId, long price, long quantity) =>
        Desk.OnUnappliedReport(ExecutionReport.Fill(clientOrderId, ++_fillId, new Price(price), new Quantity(quantity)));

    /// <summary>Buys (or sells) at once: an order of ours at <paramref name="price"/>, filled completely.</summary>
    public void Trade(Side side, long price, long quantity) => Fill(Place(side, price, quantity), price, quantity);

    public RouteStatus TrySubmit(Side side, long price, long quantity, out RiskRejectReason reason) => TrySubmit(side, price, quantity, out _, out reason);

    public RouteStatus TrySubmit(Side side, long price, long quantity, out long clientOrderId, out RiskRejectReason reason) =>
        Host.Router.Submit(OrderRequest.Limit(A, side, new Price(price), new Quantity(quantity)), out clientOrderId, out reason);

    /// <summary>A wall clock a test moves.</summary>
    public sealed class SettableWallClock(DateTimeOffset start) : IWallClock
    {
        public DateTimeOffset Now { get; set; } = start;

        public long EpochNanos() => (Now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
    }
}
