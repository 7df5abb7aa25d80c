using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.MarketData.Sync;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Positions;
using Velox.Trading.Risk;
using static Velox.Trading.Tests.Fixtures;

namespace Velox.Trading.Tests.Risk;

/// <summary>Risk with its collaborators: instruments 0 (sim BTC), 1 (sim ETH), 2 (other BTC), all price scale 2 / size scale 4.</summary>
internal sealed class RiskHarness
{
    public const long Start = 1_000_000_000;

    public RiskHarness(RiskOptions options, BreakerOptions? breakers = null)
    {
        var registry = new InstrumentRegistry();
        registry.Add("sim", "BTC-USD", 2, 4);
        registry.Add("sim", "ETH-USD", 2, 4);
        registry.Add("other", "BTC-USD", 2, 4);
        Instruments = registry;
        Clock = new ReplayClock(Start);
        Orders = new OrderManager(new OmsOptions { MaxOrders = 256, MaxInstruments = 3 }, new ClientOrderIdSource(1), Clock);
        Positions = new PositionBook(registry);
        Breakers = new CircuitBreakers(breakers ?? new BreakerOptions(), 3);
        KillSwitch = new KillSwitch();
        Risk = new PreTradeRisk(options, registry, Clock, Orders, Positions, Breakers, KillSwitch);
    }

    public InstrumentRegistry Instruments { get; }

    public ReplayClock Clock { get; }

    public OrderManager Orders { get; }

    public PositionBook Positions { get; }

    public CircuitBreakers Breakers { get; }

    public KillSwitch KillSwitch { get; }

    public PreTradeRisk Risk { get; }

    public MarketState Market => new(BookSyncState.InSync, Clock.NowNanos(), Px(100));

    public RiskRejectReason Check(in OrderRequest order) => Risk.Check(order, Market);

    /// <summary>Checks and, when it passes, places the order in the OMS.</summary>
    public RiskRejectReason Place(in OrderRequest order)
    {
        var reason = Check(order);
        if (reason == RiskRejectReason.None)
        {
            Submit(Orders, order);
        }

        return reason;
    }

    public static OrderRequest BuyRaw(long priceRaw, long quantityRaw, InstrumentId? instrument = null) =>
        OrderRequest.Limit(instrument ?? Btc, Velox.Core.Side.Bid, new Price(priceRaw), new Quantity(quantityRaw));
}
