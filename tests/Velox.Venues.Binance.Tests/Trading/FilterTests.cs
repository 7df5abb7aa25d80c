using Velox.Core.Instruments;
using Velox.Trading.Orders;
using Velox.Venues.Binance.Trading;

namespace Velox.Venues.Binance.Tests.Trading;

public sealed class FilterTests
{
    private static BinanceSymbolFilters Btc()
    {
        var registry = new InstrumentRegistry();
        var btc = registry.Add(BinanceVenue.SpotName, "BTCUSDT", 2, 8);
        var table = BinanceExchangeInfo.Load(DocMessages.ExchangeInfo, registry);
        return table[btc.Id.Value]!;
    }

    [Test]
    public void ExchangeInfoFiltersAreLoadedAtTheInstrumentScales()
    {
        var registry = new InstrumentRegistry();
        var other = registry.Add("bitfinex", "BTCUSDT", 2, 8);
        var btc = registry.Add(BinanceVenue.SpotName, "BTCUSDT", 2, 8);
        var eth = registry.Add(BinanceVenue.SpotName, "ETHUSDT", 2, 4);
        var missing = registry.Add(BinanceVenue.SpotName, "XRPUSDT", 4, 1);
        var table = BinanceExchangeInfo.Load(DocMessages.ExchangeInfo, registry);
        Assert.That(table[other.Id.Value], Is.Null);
        Assert.That(table[missing.Id.Value], Is.Null);
        var f = table[btc.Id.Value]!;
        Assert.That((f.BaseAsset, f.QuoteAsset, f.MinPrice, f.MaxPrice, f.TickSize), Is.EqualTo(("BTC", "USDT", 1L, 100_000_000L, 1L)));
        Assert.That((f.MinQuantity, f.MaxQuantity, f.StepSize), Is.EqualTo((1_000L, 900_000_000_000L, 1_000L)));
        Assert.That((f.MinNotional, f.MaxNotional), Is.EqualTo((500L, 900_000_000L)));
        var e = table[eth.Id.Value]!;
        Assert.That((e.MinQuantity, e.StepSize, e.MinNotional, e.MaxNotional), Is.EqualTo((1L, 1L, 1_000L, 0L)), "MIN_NOTIONAL (older form) sets the minimum");
    }

    [Test]
    public void ValuesFinerThanTheInstrumentScaleAreAClearError()
    {
        var registry = new InstrumentRegistry();
        registry.Add(BinanceVenue.SpotName, "ETHUSDT", 2, 3);
        var e = Assert.Throws<InvalidDataException>(() => BinanceExchangeInfo.Load(DocMessages.ExchangeInfo, registry))!;
        Assert.That(e.Message, Does.Contain("ETHUSDT").And.Contain("minQty").And.Contain("3 decimals"));
        Assert.That(() => BinanceExchangeInfo.Load("{\"nosymbols\":1}", registry), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("symbols"));
        Assert.That(() => BinanceExchangeInfo.Load("{", registry), Throws.InstanceOf<InvalidDataException>());
    }

    // Prices at scale 2, quantities at scale 8. BTCUSDT: price 0.01..1000000 tick 0.01; qty 0.00001..9000 step 0.00001; notional 5..9000000.
    [TestCase(1L, 50_000_000_000L, BinanceRejectCode.None, TestName = "price exactly minPrice (0.01 x 500 = notional exactly 5)")]
    [TestCase(100L, 500_000_000L, BinanceRejectCode.None, TestName = "notional exactly minNotional")]
    [TestCase(100_000_000L, 1_000L, BinanceRejectCode.None, TestName = "price exactly maxPrice, quantity exactly minQty")]
    [TestCase(100L, 499_999_000L, BinanceRejectCode.NotionalBelowMin, TestName = "notional just under minNotional")]
    [TestCase(0L, 1_000_000L, BinanceRejectCode.PriceBelowMin, TestName = "price below minPrice")]
    [TestCase(100_000_001L, 1_000_000L, BinanceRejectCode.PriceAboveMax, TestName = "price above maxPrice")]
    [TestCase(5_000_000L, 999L, BinanceRejectCode.QuantityBelowMin, TestName = "quantity below minQty")]
    [TestCase(1_000L, 900_000_001_000L, BinanceRejectCode.QuantityAboveMax, TestName = "quantity above maxQty")]
    [TestCase(5_000_000L, 1_500L, BinanceRejectCode.QuantityNotOnStep, TestName = "quantity off the step")]
    [TestCase(100_000_000L, 900_000_000_000L, BinanceRejectCode.NotionalAboveMax, TestName = "notional above maxNotional")]
    [TestCase(90_000_000L, 1_000_000_000_000L, BinanceRejectCode.QuantityAboveMax, TestName = "quantity checked before notional")]
    public void LimitOrdersAreChecked(long price, long quantity, BinanceRejectCode expected)
    {
        Assert.That(Btc().Check(OrderType.Limit, price, quantity), Is.EqualTo(expected));
    }

    [Test]
    public void TickIsMeasuredFromMinPrice()
    {
        var f = new BinanceSymbolFilters { Symbol = "X", BaseAsset = "A", QuoteAsset = "B", MinPrice = 3, TickSize = 5, MinQuantity = 1, SizeScale = 0 };
        Assert.That(f.Check(OrderType.Limit, 8, 1), Is.EqualTo(BinanceRejectCode.None), "(8 - 3) % 5 == 0");
        Assert.That(f.Check(OrderType.Limit, 10, 1), Is.EqualTo(BinanceRejectCode.PriceNotOnTick));
        Assert.That(f.Check(OrderType.PostOnly, 10, 1), Is.EqualTo(BinanceRejectCode.PriceNotOnTick));
    }

    [Test]
    public void MarketOrdersCheckOnlyTheLotSize()
    {
        var f = Btc();
        Assert.That(f.Check(OrderType.Market, 0, 1_000), Is.EqualTo(BinanceRejectCode.None), "no price, notional left to the venue's average price");
        Assert.That(f.Check(OrderType.Market, 0, 999), Is.EqualTo(BinanceRejectCode.QuantityBelowMin));
    }
}
