using BenchmarkDotNet.Attributes;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.MarketData.Sync;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Positions;
using Velox.Trading.Risk;

namespace Velox.Benchmarks;

/// <summary>
/// The full pre-trade check (every limit enabled, 16 own resting orders walked for self-trade prevention,
/// a token bucket that never empties) and applying a fill: to positions alone (alternating sides, so every
/// other fill closes at the Int128 average), and through the OMS (fill report → order → positions).
/// </summary>
[MemoryDiagnoser]
public class RiskBenchmarks
{
    private const int Operations = 10_000;
    private static readonly InstrumentId Btc = new(0);

    private ReplayClock _clock = null!;
    private OrderManager _orders = null!;
    private PositionBook _positions = null!;
    private PreTradeRisk _risk = null!;
    private OrderRequest _order;
    private MarketState _market;
    private long _fillId;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new InstrumentRegistry();
        registry.Add("sim", "BTC-USD", 2, 8);
        _clock = new ReplayClock(1_000_000_000);
        _orders = new OrderManager(new OmsOptions { MaxOrders = 4096, MaxInstruments = 1 }, new ClientOrderIdSource(1), _clock);
        _positions = new PositionBook(registry);
        var limits = new InstrumentRiskLimits
        {
            MaxOrderQuantity = 10_00000000,
            MaxOrderNotional = 10_000_000_00,
            MaxPosition = 1_000_00000000,
            MaxOpenOrders = 1_000,
            PriceBandBps = 500,
        };
        _risk = new PreTradeRisk(
            new RiskOptions { DefaultLimits = limits, MaxGlobalOpenOrders = 4_000, MaxGlobalOrderNotional = long.MaxValue / 2, VenueOrdersPerSecond = int.MaxValue, VenueOrderBurst = int.MaxValue },
            registry,
            _clock,
            _orders,
            _positions,
            new CircuitBreakers(new BreakerOptions { MaxDrawdown = 1_000, MaxErrors = 10 }, 1),
            new KillSwitch());
        for (var i = 0; i < 8; i++)
        {
            _orders.TrySubmit(OrderRequest.Limit(Btc, Side.Bid, new Price(6_400_000 - (i * 100)), new Quantity(1_0000000)), out _);
            _orders.TrySubmit(OrderRequest.Limit(Btc, Side.Ask, new Price(6_410_000 + (i * 100)), new Quantity(1_0000000)), out _);
        }

        _positions.ApplyFill(Btc, Side.Bid, new Price(6_405_000), new Quantity(3_00000000), 0);
        _order = OrderRequest.Limit(Btc, Side.Bid, new Price(6_405_000), new Quantity(25000000));
        _market = new MarketState(BookSyncState.InSync, _clock.NowNanos(), new Price(6_405_000));
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int FullPreTradeCheck()
    {
        var passed = 0;
        for (var i = 0; i < Operations; i++)
        {
            passed += _risk.Check(_order, _market) == RiskRejectReason.None ? 1 : 0;
        }

        return passed;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long ApplyFillToPosition()
    {
        for (var i = 0; i < Operations; i++)
        {
            _positions.ApplyFill(Btc, (i & 1) == 0 ? Side.Ask : Side.Bid, new Price(6_405_000 + (i & 7)), new Quantity(12345678), 100);
        }

        return _positions[Btc].Quantity.Raw;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long ApplyFillReportThroughOms()
    {
        _orders.TrySubmit(OrderRequest.Limit(Btc, Side.Bid, new Price(6_300_000), new Quantity(Operations * 10L)), out var id);
        for (var i = 0; i < Operations; i++)
        {
            var report = ExecutionReport.Fill(id, ++_fillId, new Price(6_300_000), new Quantity(10), 1, Liquidity.Maker);
            if (_orders.Apply(report, out var slot) == ReportOutcome.Applied)
            {
                ref readonly var order = ref _orders[slot];
                _positions.ApplyFill(order.Instrument, order.Side, report.Price, report.Quantity, report.Fee);
            }
        }

        return _positions[Btc].Quantity.Raw;
    }
}
