using Velox.Core.Instruments;
using Velox.Core.Time;
using Velox.MarketData.Sync;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Positions;
using Velox.Trading.Risk;
using static Velox.Trading.Tests.Fixtures;

namespace Velox.Trading.Tests;

/// <summary>A whole engine on a replay clock, journaling into <see cref="JournalStream"/>.</summary>
internal sealed class EngineHarness
{
    private sealed class ZeroWall : IWallClock
    {
        public long EpochNanos() => 0;
    }

    public EngineHarness(RiskOptions? risk = null, BreakerOptions? breakers = null, Stream? journal = null, int maxOrders = 256)
    {
        var registry = new InstrumentRegistry();
        registry.Add("sim", "BTC-USD", 2, 4);
        registry.Add("sim", "ETH-USD", 2, 4);
        Clock = new ReplayClock(1_000_000_000);
        var orders = new OrderManager(new OmsOptions { MaxOrders = maxOrders, MaxInstruments = 2, FillIdHistory = 1024 }, new ClientOrderIdSource(3), Clock);
        var positions = new PositionBook(registry);
        var circuit = new CircuitBreakers(breakers ?? new BreakerOptions(), 2);
        var killSwitch = new KillSwitch();
        var preTrade = new PreTradeRisk(risk ?? new RiskOptions { VenueOrderBurst = 1_000_000, VenueOrdersPerSecond = 1_000_000 }, registry, Clock, orders, positions, circuit, killSwitch);
        JournalStream = journal ?? Stream.Null;
        Journal = new JournalWriter(JournalStream, 1024, Clock, new ZeroWall());
        Engine = new TradingEngine(orders, preTrade, positions, circuit, killSwitch, Clock, Journal);
    }

    public ReplayClock Clock { get; }

    public Stream JournalStream { get; }

    public JournalWriter Journal { get; }

    public TradingEngine Engine { get; }

    public MarketState Market => new(BookSyncState.InSync, Clock.NowNanos(), Px(100));

    public long Place(in OrderRequest order)
    {
        Assert.That(Engine.TrySubmit(order, Market, out var reason, out var id), Is.EqualTo(SubmitStatus.Accepted), reason.ToString());
        return id;
    }
}
