using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Time;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.Strategies.Execution;
using Velox.Strategies.Hosting;
using Velox.Trading;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Positions;
using Velox.Trading.Risk;

namespace Velox.Strategies.Tests;

/// <summary>
/// A whole engine (OMS, risk, positions, breakers, kill switch) on a replay clock, two instruments on two
/// venues (price scale 2, size scale 4), their books in a <see cref="MarketView"/>, and a dry-run venue.
/// </summary>
internal sealed class StrategyHarness
{
    public static readonly InstrumentId A = new(0);
    public static readonly InstrumentId B = new(1);

    public StrategyHarness(RiskOptions? risk = null, BreakerOptions? breakers = null, bool acknowledge = false, int maxOrders = 4096)
    {
        Registry = new InstrumentRegistry();
        Registry.Add("bitfinex", "tBTCUSD", 2, 4);
        Registry.Add("binance", "BTCUSDT", 2, 4);
        Clock = new ReplayClock(1_000_000_000);
        var orders = new OrderManager(new OmsOptions { MaxOrders = maxOrders, MaxInstruments = 2, FillIdHistory = 4096 }, new ClientOrderIdSource(5), Clock);
        var positions = new PositionBook(Registry);
        Breakers = new CircuitBreakers(breakers ?? new BreakerOptions(), 2);
        KillSwitch = new KillSwitch();
        var preTrade = new PreTradeRisk(
            risk ?? new RiskOptions { VenueOrderBurst = 1_000_000_000, VenueOrdersPerSecond = 1_000_000_000, MaxMarketDataAgeNanos = 1_000_000_000 },
            Registry,
            Clock,
            orders,
            positions,
            Breakers,
            KillSwitch);
        Engine = new TradingEngine(orders, preTrade, positions, Breakers, KillSwitch, Clock);
        Market = new MarketView(2);
        BookA = new L2Book(A, 50);
        BookB = new L2Book(B, 50);
        Market.Attach(BookA);
        Market.Attach(BookB);
        Venue = new DryRunVenue(Clock, commandHistory: 1 << 16, acknowledge: acknowledge);
        Router = new OrderRouter<DryRunSink>(Engine, Market, new DryRunSink(Venue));
    }

    public InstrumentRegistry Registry { get; }

    public ReplayClock Clock { get; }

    public CircuitBreakers Breakers { get; }

    public KillSwitch KillSwitch { get; }

    public TradingEngine Engine { get; }

    public MarketView Market { get; }

    public L2Book BookA { get; }

    public L2Book BookB { get; }

    public DryRunVenue Venue { get; }

    public OrderRouter<DryRunSink> Router { get; }

    public L2Book Book(InstrumentId instrument) => instrument == A ? BookA : BookB;

    /// <summary>Replaces a book with one bid and one ask level (raw values) without telling anyone.</summary>
    public void SetTop(InstrumentId instrument, long bid, long bidSize, long ask, long askSize)
    {
        var book = Book(instrument);
        book.Clear();
        book.Apply(Side.Bid, bid, bidSize, 1);
        book.Apply(Side.Ask, ask, askSize, 1);
    }

    /// <summary>A book-update event for <paramref name="instrument"/> stamped now.</summary>
    public BookUpdate Update(InstrumentId instrument, BookUpdateFlags flags = BookUpdateFlags.None)
    {
        var best = Book(instrument).Bids.Best;
        return new BookUpdate(instrument, Side.Bid, best.Price, best.Size, 1, flags, Clock.NowNanos());
    }

    /// <summary>Takes every command the dry-run venue recorded so far.</summary>
    public List<SinkCommand> Commands()
    {
        var list = new List<SinkCommand>();
        while (Venue.Commands.TryRead(out var command))
        {
            list.Add(command);
        }

        return list;
    }

    public Order Order(long clientOrderId)
    {
        Assert.That(Engine.Orders.TryGet(clientOrderId, out var order), Is.True, $"order {clientOrderId}");
        return order;
    }
}
