using Velox.Core;
using Velox.Core.Numerics;
using Velox.MarketData.Sync;
using Velox.Trading.Orders;
using Velox.Trading.Risk;
using static Velox.Trading.Tests.Fixtures;
using static Velox.Trading.Tests.Risk.RiskHarness;

namespace Velox.Trading.Tests.Risk;

/// <summary>Each limit at limit − 1, limit and limit + 1 (raw units): limits are inclusive maxima.</summary>
public class PreTradeRiskTests
{
    private static RiskOptions With(InstrumentRiskLimits limits) => new() { DefaultLimits = limits };

    [Test]
    public void MaxOrderQuantity()
    {
        var h = new RiskHarness(With(new InstrumentRiskLimits { MaxOrderQuantity = Qty(2).Raw }));
        Assert.That(h.Check(BuyRaw(10_000, Qty(2).Raw - 1)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(BuyRaw(10_000, Qty(2).Raw)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(BuyRaw(10_000, Qty(2).Raw + 1)), Is.EqualTo(RiskRejectReason.MaxOrderQuantity));
        Assert.That(h.Risk.Rejections(RiskRejectReason.MaxOrderQuantity), Is.EqualTo(1));
        Assert.That(h.Risk.Passed, Is.EqualTo(2));
    }

    [Test]
    public void MaxOrderNotional_In128Bits()
    {
        // 1000.00 quote: price 100.00 × 10 = 1000.00 exactly.
        var h = new RiskHarness(With(new InstrumentRiskLimits { MaxOrderNotional = 100_000 }));
        Assert.That(h.Check(BuyRaw(10_000, Qty(10).Raw - 1)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(BuyRaw(10_000, Qty(10).Raw)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(BuyRaw(10_000, Qty(10).Raw + 1)), Is.EqualTo(RiskRejectReason.MaxOrderNotional));

        // Raw product far beyond 64 bits is compared exactly, not wrapped.
        var huge = new RiskHarness(With(new InstrumentRiskLimits { MaxOrderNotional = long.MaxValue, PriceBandBps = int.MaxValue }));
        var market = new MarketState(BookSyncState.InSync, huge.Clock.NowNanos(), new Price(long.MaxValue / 2));
        Assert.That(huge.Risk.Check(BuyRaw(long.MaxValue / 2, long.MaxValue / 2), market), Is.EqualTo(RiskRejectReason.MaxOrderNotional));
    }

    [Test]
    public void MaxGlobalOrderNotional()
    {
        var h = new RiskHarness(new RiskOptions { MaxGlobalOrderNotional = 1000L * 100_000_000 });
        Assert.That(h.Check(BuyRaw(10_000, Qty(10).Raw - 1)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(BuyRaw(10_000, Qty(10).Raw)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(BuyRaw(10_000, Qty(10).Raw + 1)), Is.EqualTo(RiskRejectReason.MaxGlobalOrderNotional));
    }

    [Test]
    public void MaxPosition_CountsThePositionAndOpenSameSideOrders()
    {
        var h = new RiskHarness(With(new InstrumentRiskLimits { MaxPosition = Qty(5).Raw }));
        h.Positions.ApplyFill(Btc, Side.Bid, Px(100), Qty(3), 0);
        Assert.That(h.Place(Buy(100, 1)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(BuyRaw(10_000, Qty(1).Raw - 1)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(BuyRaw(10_000, Qty(1).Raw)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(BuyRaw(10_000, Qty(1).Raw + 1)), Is.EqualTo(RiskRejectReason.MaxPosition));
        Assert.That(h.Check(Sell(101, 8)), Is.EqualTo(RiskRejectReason.None), "short 5 after: at the limit");
        Assert.That(h.Check(Sell(101, 8.0001m)), Is.EqualTo(RiskRejectReason.MaxPosition));
    }

    [Test]
    public void MaxPosition_StillAllowsReducing_WhenAlreadyBeyondTheLimit()
    {
        var h = new RiskHarness(With(new InstrumentRiskLimits { MaxPosition = Qty(1).Raw }));
        h.Positions.ApplyFill(Btc, Side.Bid, Px(100), Qty(3), 0);
        Assert.That(h.Check(Sell(100, 1)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(Buy(100, 0.0001m)), Is.EqualTo(RiskRejectReason.MaxPosition));
    }

    [Test]
    public void MaxOpenOrders_PerInstrumentAndGlobal()
    {
        var h = new RiskHarness(new RiskOptions { DefaultLimits = new InstrumentRiskLimits { MaxOpenOrders = 3 }, MaxGlobalOpenOrders = 5, SelfTradePrevention = false });
        Assert.That(h.Place(Buy(99, 1)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Place(Buy(99, 1)), Is.EqualTo(RiskRejectReason.None), "limit − 1 open");
        Assert.That(h.Place(Buy(99, 1)), Is.EqualTo(RiskRejectReason.None), "becomes the limit");
        Assert.That(h.Check(Buy(99, 1)), Is.EqualTo(RiskRejectReason.MaxOpenOrders), "would be limit + 1");
        Assert.That(h.Place(Buy(99, 1, Eth)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Place(Buy(99, 1, Eth)), Is.EqualTo(RiskRejectReason.None), "5 open in all");
        Assert.That(h.Check(Buy(99, 1, Eth)), Is.EqualTo(RiskRejectReason.MaxGlobalOpenOrders));
    }

    [TestCase(99.00, RiskRejectReason.None)]
    [TestCase(98.99, RiskRejectReason.PriceBand)]
    [TestCase(99.01, RiskRejectReason.None)]
    [TestCase(101.00, RiskRejectReason.None)]
    [TestCase(100.99, RiskRejectReason.None)]
    [TestCase(101.01, RiskRejectReason.PriceBand)]
    public void PriceBand_100BpsAroundTheReference(decimal price, RiskRejectReason expected)
    {
        var h = new RiskHarness(With(new InstrumentRiskLimits { PriceBandBps = 100 }));
        Assert.That(h.Check(Buy(price, 1)), Is.EqualTo(expected));
    }

    [Test]
    public void MarketOrders_SkipTheBand_ButUseTheReferenceForNotional()
    {
        var h = new RiskHarness(With(new InstrumentRiskLimits { PriceBandBps = 1, MaxOrderNotional = 100_000 }));
        Assert.That(h.Check(OrderRequest.Market(Btc, Side.Bid, Qty(10))), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(OrderRequest.Market(Btc, Side.Bid, Qty(10.0001m))), Is.EqualTo(RiskRejectReason.MaxOrderNotional));
    }

    [Test]
    public void RateLimit_TokenBucketPerVenue_OnTheInjectedClock()
    {
        var h = new RiskHarness(new RiskOptions { VenueOrdersPerSecond = 5, VenueOrderBurst = 5 });
        for (var i = 0; i < 5; i++)
        {
            Assert.That(h.Check(Buy(100, 1)), Is.EqualTo(RiskRejectReason.None), $"burst {i}");
        }

        Assert.That(h.Check(Buy(100, 1)), Is.EqualTo(RiskRejectReason.RateLimit));
        Assert.That(h.Check(Buy(100, 1, new(2))), Is.EqualTo(RiskRejectReason.None), "another venue has its own bucket");
        Assert.That(h.Check(Buy(100, 1, Eth)), Is.EqualTo(RiskRejectReason.RateLimit), "same venue, other instrument");
        h.Clock.Advance(200_000_000 - 1);
        Assert.That(h.Check(Buy(100, 1)), Is.EqualTo(RiskRejectReason.RateLimit), "one nanosecond short of a token");
        h.Clock.Advance(1);
        Assert.That(h.Check(Buy(100, 1)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(Buy(100, 1)), Is.EqualTo(RiskRejectReason.RateLimit));
    }

    [Test]
    public void RefusedOrders_DoNotSpendRateTokens()
    {
        var h = new RiskHarness(new RiskOptions { VenueOrdersPerSecond = 1, VenueOrderBurst = 1, DefaultLimits = new InstrumentRiskLimits { MaxOrderQuantity = 1 } });
        Assert.That(h.Check(BuyRaw(10_000, 2)), Is.EqualTo(RiskRejectReason.MaxOrderQuantity));
        Assert.That(h.Check(BuyRaw(10_000, 1)), Is.EqualTo(RiskRejectReason.None));
    }

    [Test]
    public void SelfTradePrevention_RefusesCrossingOurOwnRestingOrder()
    {
        var h = new RiskHarness(new RiskOptions());
        Assert.That(h.Place(Sell(101, 1)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Place(Buy(99, 1)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(Buy(100.99m, 1)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(Buy(101, 1)), Is.EqualTo(RiskRejectReason.SelfTrade));
        Assert.That(h.Check(Buy(101.01m, 1)), Is.EqualTo(RiskRejectReason.SelfTrade));
        Assert.That(h.Check(Sell(99.01m, 1)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(Sell(99, 1)), Is.EqualTo(RiskRejectReason.SelfTrade));
        Assert.That(h.Check(OrderRequest.Market(Btc, Side.Bid, Qty(1))), Is.EqualTo(RiskRejectReason.SelfTrade));
        Assert.That(h.Check(Buy(101, 1, Eth)), Is.EqualTo(RiskRejectReason.None), "other instrument");
    }

    [Test]
    public void StaleMarketData_AndBookState()
    {
        var h = new RiskHarness(new RiskOptions { MaxMarketDataAgeNanos = 100_000_000 });
        var updated = h.Clock.NowNanos();
        h.Clock.Advance(100_000_000 - 1);
        Assert.That(h.Risk.Check(Buy(100, 1), new MarketState(BookSyncState.InSync, updated, Px(100))), Is.EqualTo(RiskRejectReason.None));
        h.Clock.Advance(1);
        Assert.That(h.Risk.Check(Buy(100, 1), new MarketState(BookSyncState.InSync, updated, Px(100))), Is.EqualTo(RiskRejectReason.None), "exactly 100 ms");
        h.Clock.Advance(1);
        Assert.That(h.Risk.Check(Buy(100, 1), new MarketState(BookSyncState.InSync, updated, Px(100))), Is.EqualTo(RiskRejectReason.StaleMarketData));
        foreach (var state in new[] { BookSyncState.AwaitingSnapshot, BookSyncState.Resyncing, BookSyncState.Paused })
        {
            Assert.That(h.Risk.Check(Buy(100, 1), new MarketState(state, h.Clock.NowNanos(), Px(100))), Is.EqualTo(RiskRejectReason.BookNotInSync));
        }

        Assert.That(h.Risk.Check(Buy(100, 1), new MarketState(BookSyncState.InSync, h.Clock.NowNanos(), default)), Is.EqualTo(RiskRejectReason.NoReferencePrice));
    }

    [Test]
    public void KillSwitch_BlocksEveryNewOrderAtOnce()
    {
        var h = new RiskHarness(new RiskOptions { VenueOrderBurst = 1000, VenueOrdersPerSecond = 1000 });
        Assert.That(h.Check(Buy(100, 1)), Is.EqualTo(RiskRejectReason.None));
        h.KillSwitch.Engage();
        var orders = new[]
        {
            Buy(100, 1), Sell(100, 1), Buy(100, 1, Eth), Buy(100, 1, new(2)), OrderRequest.Market(Btc, Side.Ask, Qty(1)),
            new OrderRequest(Btc, Side.Ask, OrderType.PostOnly, TimeInForce.GoodTillCancel, Px(101), Qty(1), OrderFlags.ReduceOnly),
        };
        foreach (var order in orders)
        {
            Assert.That(h.Check(order), Is.EqualTo(RiskRejectReason.KillSwitch));
        }

        Assert.That(h.Risk.Rejections(RiskRejectReason.KillSwitch), Is.EqualTo(orders.Length));
        h.KillSwitch.Release();
        Assert.That(h.Check(Buy(100, 1)), Is.EqualTo(RiskRejectReason.None));
    }

    [Test]
    public void ReduceOnly_ModeAndFlag()
    {
        var h = new RiskHarness(new RiskOptions(), new BreakerOptions { MaxDailyLoss = 1, DailyLossMode = TradingMode.ReduceOnly });
        var flagged = new OrderRequest(Btc, Side.Ask, OrderType.Limit, TimeInForce.GoodTillCancel, Px(100), Qty(1), OrderFlags.ReduceOnly);
        Assert.That(h.Check(flagged), Is.EqualTo(RiskRejectReason.ReduceOnly), "flat: nothing to reduce");

        h.Positions.ApplyFill(Btc, Side.Bid, Px(100), Qty(2), 0);
        h.Breakers.OnRealizedPnl(-1);
        Assert.That(h.Breakers.Mode, Is.EqualTo(TradingMode.ReduceOnly));
        Assert.That(h.Check(Buy(100, 0.0001m)), Is.EqualTo(RiskRejectReason.ReduceOnly));
        Assert.That(h.Check(Sell(100, 1.9999m)), Is.EqualTo(RiskRejectReason.None));
        Assert.That(h.Check(Sell(100, 2)), Is.EqualTo(RiskRejectReason.None), "to flat");
        Assert.That(h.Check(Sell(100, 2.0001m)), Is.EqualTo(RiskRejectReason.ReduceOnly), "would flip");
        Assert.That(h.Check(Sell(100, 1.5m, Eth)), Is.EqualTo(RiskRejectReason.ReduceOnly), "no position there");
    }

    [Test]
    public void Halt_RefusesEverything()
    {
        var h = new RiskHarness(new RiskOptions(), new BreakerOptions { MaxDrawdown = 10, DrawdownMode = TradingMode.Halt });
        h.Positions.ApplyFill(Btc, Side.Bid, Px(100), Qty(2), 0);
        h.Breakers.OnEquity(100);
        h.Breakers.OnEquity(90);
        Assert.That(h.Check(Sell(100, 1)), Is.EqualTo(RiskRejectReason.Halted));
        Assert.That(h.Check(Buy(100, 1)), Is.EqualTo(RiskRejectReason.Halted));
        h.Breakers.Reset(BreakerKind.Drawdown);
        Assert.That(h.Check(Buy(100, 1)), Is.EqualTo(RiskRejectReason.None));
    }
}
