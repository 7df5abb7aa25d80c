using BenchmarkDotNet.Attributes;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Strategies;
using Velox.Strategies.Execution;
using Velox.Strategies.Hosting;
using Velox.Strategies.MarketMaking;
using Velox.Trading;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Positions;
using Velox.Trading.Risk;

namespace Velox.Benchmarks;

/// <summary>
/// Market maker, tick → decision → pre-trade risk → OMS → dry-run sink, 2 levels per side, imbalance and
/// inventory skew on. <see cref="TickBelowThreshold"/>: the fair value moves less than the requote threshold,
/// so the decision sends nothing. <see cref="TickRequote"/>: every tick moves it beyond the threshold, so all four
/// quotes are cancelled and replaced (4 cancels + 4 risk-checked new orders) and the dry-run venue's acks are
/// fed back through the engine. Per operation = per tick.
/// </summary>
[MemoryDiagnoser]
public class MarketMakerBenchmarks
{
    private const int Operations = 10_000;
    private static readonly InstrumentId Btc = new(0);

    private ReplayClock _clock = null!;
    private L2Book _book = null!;
    private DryRunVenue _venue = null!;
    private StrategyHost<MarketMaker<DryRunSink>, DryRunSink> _host = null!;
    private StrategyHostHandler<MarketMaker<DryRunSink>, DryRunSink> _handler;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new InstrumentRegistry();
        registry.Add("sim", "BTC-USD", 2, 8);
        _clock = new ReplayClock(1_000_000_000);
        var orders = new OrderManager(new OmsOptions { MaxOrders = 4096, MaxInstruments = 1 }, new ClientOrderIdSource(1), _clock);
        var positions = new PositionBook(registry);
        var breakers = new CircuitBreakers(new BreakerOptions { MaxDrawdown = 1_000, MaxErrors = 10 }, 1);
        var killSwitch = new KillSwitch();
        var limits = new InstrumentRiskLimits { MaxOrderQuantity = 10_00000000, MaxPosition = 1_000_00000000, MaxOpenOrders = 1_000, PriceBandBps = 500 };
        var risk = new PreTradeRisk(
            new RiskOptions { DefaultLimits = limits, VenueOrdersPerSecond = int.MaxValue, VenueOrderBurst = int.MaxValue },
            registry,
            _clock,
            orders,
            positions,
            breakers,
            killSwitch);
        var engine = new TradingEngine(orders, risk, positions, breakers, killSwitch, _clock);
        var market = new MarketView(1);
        _book = new L2Book(Btc, 100);
        market.Attach(_book);
        for (var i = 0; i < 20; i++)
        {
            _book.Apply(Side.Bid, 6_400_000 - (i * 100), 1_00000000 + (i * 1000), 1);
            _book.Apply(Side.Ask, 6_401_000 + (i * 100), 1_00000000 + (i * 700), 1);
        }

        _venue = new DryRunVenue(_clock);
        var router = new OrderRouter<DryRunSink>(engine, market, new DryRunSink(_venue));
        var parameters = new MarketMakerParameters
        {
            Instrument = Btc,
            TickSize = new Price(1),
            LotSize = new Quantity(1000),
            QuoteSize = new Quantity(10_000000),
            Levels = 2,
            Spread = BasisPoints.FromWhole(4),
            ImbalanceSkew = BasisPoints.FromWhole(2),
            InventorySkew = BasisPoints.FromWhole(2),
            MaxInventory = new Quantity(5_00000000),
            RequoteThreshold = BasisPoints.Parse("0.5"),
        };
        _host = new StrategyHost<MarketMaker<DryRunSink>, DryRunSink>(new MarketMaker<DryRunSink>(parameters, router, _clock), router);
        _handler = new StrategyHostHandler<MarketMaker<DryRunSink>, DryRunSink>(_host);
        _host.OnBookState(Btc, BookSyncState.InSync);
        Tick(1);
        _venue.DrainReports(ref _handler);

        // The requote benchmark must really replace all four quotes per tick, and the other must send nothing.
        var placed = _host.Strategy.QuotesPlaced;
        TickRequote();
        if (_host.Strategy.QuotesPlaced - placed != 4L * Operations || _host.Strategy.RiskRejects != 0)
        {
            throw new InvalidOperationException($"requote benchmark placed {_host.Strategy.QuotesPlaced - placed} quotes in {Operations} ticks, {_host.Strategy.RiskRejects} risk rejects");
        }

        placed = _host.Strategy.QuotesPlaced;
        TickBelowThreshold();
        if (_host.Strategy.QuotesPlaced != placed)
        {
            throw new InvalidOperationException("the below-threshold benchmark requoted");
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long TickBelowThreshold()
    {
        for (var i = 0; i < Operations; i++)
        {
            // Size changes at the top move the imbalance but not the fair value beyond 1 bps.
            _clock.Advance(1_000);
            _book.Apply(Side.Bid, 6_400_000, 1_00000000 + ((i & 15) * 100000), 1);
            _host.OnBookUpdate(new BookUpdate(Btc, Side.Bid, 6_400_000, 1, 1, BookUpdateFlags.None, _clock.NowNanos()));
        }

        return _host.Strategy.Decisions;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long TickRequote()
    {
        for (var i = 0; i < Operations; i++)
        {
            Tick(i);
            _venue.DrainReports(ref _handler);
        }

        return _host.Strategy.QuotesPlaced;
    }

    private void Tick(int i)
    {
        // A best ask 8.00 inside the book appears and goes again: the mid moves 4.00 (about 0.62 bps) every tick.
        _clock.Advance(1_000);
        var size = (i & 1) == 0 ? 50000000L : 0L;
        _book.Apply(Side.Ask, 6_400_200, size, size == 0 ? 0 : 1);
        _host.OnBookUpdate(new BookUpdate(Btc, Side.Ask, 6_400_200, size, 1, size == 0 ? BookUpdateFlags.Delete : BookUpdateFlags.None, _clock.NowNanos()));
    }
}
