using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.MarketData.Sync;
using Velox.Trading;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Positions;
using Velox.Trading.Risk;

namespace Velox.Admin.Tests;

/// <summary>A real trading engine over two instruments (price scale 2, size scale 4) on a replay clock.</summary>
internal sealed class TestEngine
{
    public TestEngine()
    {
        Instruments = new InstrumentRegistry();
        Instruments.Add("sim", "BTC-USD", 2, 4);
        Instruments.Add("sim", "ETH \"quoted\"", 2, 4);
        Clock = new ReplayClock(1_000_000_000);
        var orders = new OrderManager(new OmsOptions { MaxOrders = 64, MaxInstruments = 2, FillIdHistory = 64 }, new ClientOrderIdSource(3), Clock);
        var positions = new PositionBook(Instruments);
        var breakers = new CircuitBreakers(new BreakerOptions(), 2);
        KillSwitch = new KillSwitch();
        var risk = new PreTradeRisk(
            new RiskOptions { VenueOrderBurst = 1_000, VenueOrdersPerSecond = 1_000, DefaultLimits = new InstrumentRiskLimits { MaxOrderQuantity = 100_000 } },
            Instruments, Clock, orders, positions, breakers, KillSwitch);
        Engine = new TradingEngine(orders, risk, positions, breakers, KillSwitch, Clock);
    }

    public InstrumentRegistry Instruments { get; }

    public ReplayClock Clock { get; }

    public KillSwitch KillSwitch { get; }

    public TradingEngine Engine { get; }

    public MarketState Market => new(BookSyncState.InSync, Clock.NowNanos(), new Price(10_000));

    /// <summary>Buys 1 BTC at 100.00 and fills it; returns the client order id.</summary>
    public long BuyAndFill()
    {
        var order = OrderRequest.Limit(new InstrumentId(0), Side.Bid, new Price(10_000), new Quantity(10_000));
        Assert.That(Engine.TrySubmit(order, Market, out var reason, out var id), Is.EqualTo(SubmitStatus.Accepted), reason.ToString());
        Assert.That(Engine.OnReport(ExecutionReport.Ack(id)), Is.EqualTo(ReportOutcome.Applied));
        Assert.That(Engine.OnReport(ExecutionReport.Fill(id, 1, new Price(10_000), new Quantity(10_000))), Is.EqualTo(ReportOutcome.Applied));
        return id;
    }

    /// <summary>An order above the quantity limit: refused by risk.</summary>
    public RiskRejectReason OversizedOrder()
    {
        var order = OrderRequest.Limit(new InstrumentId(0), Side.Bid, new Price(10_000), new Quantity(1_000_000));
        Engine.TrySubmit(order, Market, out var reason, out _);
        return reason;
    }
}
