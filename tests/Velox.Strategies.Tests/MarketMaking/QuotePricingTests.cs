using Velox.Core;
using Velox.Core.Numerics;
using Velox.Strategies.Execution;
using Velox.Strategies.MarketMaking;
using Velox.Trading.Orders;
using static Velox.Strategies.Tests.StrategyHarness;

namespace Velox.Strategies.Tests.MarketMaking;

/// <summary>
/// Quote prices and sizes for given books and positions. Expected values are worked out by hand in the comments:
/// bid = floor(fair × (1 − spread/2 − level × spacing) / tick) × tick, ask = ceil(fair × (1 + spread/2 + level × spacing) / tick) × tick.
/// </summary>
public class QuotePricingTests
{
    private static List<SinkCommand> News(MarketMakerFixture f) => f.H.Commands().Where(c => c.Kind == SinkCommandKind.New).ToList();

    private static void AssertQuote(SinkCommand command, Side side, long price, long quantity)
    {
        Assert.That(command.Side, Is.EqualTo(side));
        Assert.That(command.Price.Raw, Is.EqualTo(price), $"{side} price");
        Assert.That(command.Quantity.Raw, Is.EqualTo(quantity), $"{side} quantity");
        Assert.That(command.Type, Is.EqualTo(OrderType.PostOnly));
        Assert.That(command.TimeInForce, Is.EqualTo(TimeInForce.GoodTillCancel));
        Assert.That(command.Instrument, Is.EqualTo(A));
    }

    [Test]
    public void SymmetricBook_QuotesAroundMid_RoundedAwayFromFair()
    {
        var f = new MarketMakerFixture();
        f.WideBook();

        // fair 1001.00; bid 1001 × 0.9995 = 1000.4995 → 1000.49; ask 1001 × 1.0005 = 1001.5005 → 1001.51.
        var news = News(f);
        Assert.That(news, Has.Count.EqualTo(2));
        AssertQuote(news[0], Side.Bid, 100_049, 10_000);
        AssertQuote(news[1], Side.Ask, 100_151, 10_000);
        Assert.That(f.Maker.QuotedFairValue2, Is.EqualTo(200_200));
        Assert.That(f.Host.Router.OrdersSent, Is.EqualTo(2));
        Assert.That(f.H.Engine.Orders.OpenOrdersOn(A), Is.EqualTo(2));
    }

    [Test]
    public void NarrowBook_HalfTicksRoundOutward()
    {
        var f = new MarketMakerFixture();
        f.Top(100_000, 20_000, 100_010, 20_000);

        // fair 1000.05; bid 1000.05 × 0.9995 = 999.549975 → 999.54; ask 1000.05 × 1.0005 = 1000.550025 → 1000.56.
        var news = News(f);
        AssertQuote(news[0], Side.Bid, 99_954, 10_000);
        AssertQuote(news[1], Side.Ask, 100_056, 10_000);
    }

    [Test]
    public void CoarseTick_RoundsToTheTick()
    {
        var f = new MarketMakerFixture(MarketMakerFixture.Defaults() with { TickSize = new Price(5) });
        f.WideBook();

        // bid 1000.4995 → 1000.45 (multiple of 0.05 below); ask 1001.5005 → 1001.55.
        var news = News(f);
        AssertQuote(news[0], Side.Bid, 100_045, 10_000);
        AssertQuote(news[1], Side.Ask, 100_155, 10_000);
    }

    [Test]
    public void BidHeavyBook_ShiftsQuotesUp()
    {
        var f = new MarketMakerFixture(MarketMakerFixture.Defaults() with { ImbalanceSkew = BasisPoints.FromWhole(10), ImbalanceDepth = 2 });
        var book = f.H.BookA;
        book.Apply(Side.Bid, 100_000, 30_000, 1);
        book.Apply(Side.Bid, 99_990, 10_000, 1);
        book.Apply(Side.Ask, 100_200, 5_000, 1);
        book.Apply(Side.Ask, 100_210, 5_000, 1);
        f.Host.OnBookUpdate(f.H.Update(A));

        // Imbalance (4.0 − 1.0) / 5.0 = 0.6; fair = 1001 + 0.6 × 10 bps × 1001 = 1001 + 0.6006 → ×2 = 2002.40 (truncated to 200320 raw).
        // bid 1001.60 × 0.9995 = 1001.0992 → 1001.09; ask 1001.60 × 1.0005 = 1002.1008 → 1002.11.
        var news = News(f);
        AssertQuote(news[0], Side.Bid, 100_109, 10_000);
        AssertQuote(news[1], Side.Ask, 100_211, 10_000);
        Assert.That(f.Maker.QuotedFairValue2, Is.EqualTo(200_320));
    }

    [Test]
    public void AskHeavyBook_ShiftsQuotesDown()
    {
        var f = new MarketMakerFixture(MarketMakerFixture.Defaults() with { ImbalanceSkew = BasisPoints.FromWhole(10), ImbalanceDepth = 2 });
        var book = f.H.BookA;
        book.Apply(Side.Bid, 100_000, 5_000, 1);
        book.Apply(Side.Bid, 99_990, 5_000, 1);
        book.Apply(Side.Ask, 100_200, 30_000, 1);
        book.Apply(Side.Ask, 100_210, 10_000, 1);
        f.Host.OnBookUpdate(f.H.Update(A));

        // Imbalance −0.6: fair 1000.40; bid 1000.40 × 0.9995 = 999.8998 → 999.89; ask 1000.40 × 1.0005 = 1000.9002 → 1000.91.
        var news = News(f);
        AssertQuote(news[0], Side.Bid, 99_989, 10_000);
        AssertQuote(news[1], Side.Ask, 100_091, 10_000);
    }

    [Test]
    public void ImbalanceDepth_OnlyTopLevelsCount()
    {
        var f = new MarketMakerFixture(MarketMakerFixture.Defaults() with { ImbalanceSkew = BasisPoints.FromWhole(10), ImbalanceDepth = 1 });
        var book = f.H.BookA;
        book.Apply(Side.Bid, 100_000, 30_000, 1);
        book.Apply(Side.Bid, 99_990, 10_000, 1);
        book.Apply(Side.Ask, 100_200, 5_000, 1);
        book.Apply(Side.Ask, 100_210, 5_000, 1);
        f.Host.OnBookUpdate(f.H.Update(A));

        // Top level only: (3.0 − 0.5) / 3.5 = 0.714285714 (×1e9 truncated); shift ×2 = 2002.00 × 0.000714285714 = 1.42999… → 142 raw;
        // fair×2 = 200342; bid 1001.71 × 0.9995 = 1001.209145 → 1001.20; ask 1001.71 × 1.0005 = 1002.210855 → 1002.22.
        var news = News(f);
        Assert.That(f.Maker.QuotedFairValue2, Is.EqualTo(200_342));
        AssertQuote(news[0], Side.Bid, 100_120, 10_000);
        AssertQuote(news[1], Side.Ask, 100_222, 10_000);
    }

    [Test]
    public void LongPosition_SkewsQuotesDown_ShortSkewsUp()
    {
        var parameters = MarketMakerFixture.Defaults() with { InventorySkew = BasisPoints.FromWhole(20) };
        var f = new MarketMakerFixture(parameters);
        f.H.Engine.Positions.ApplyFill(A, Side.Bid, new Price(100_100), new Quantity(25_000), 0);
        f.WideBook();

        // +2.5 of 5.0: fair = 1001 − 0.5 × 20 bps × 1001 = 1001 − 1.001 → ×2 = 2002.00 − 2.002 → 200000 raw (1000.00).
        // bid 1000 × 0.9995 = 999.50; ask 1000 × 1.0005 = 1000.50 (both exact).
        var news = News(f);
        AssertQuote(news[0], Side.Bid, 99_950, 10_000);
        AssertQuote(news[1], Side.Ask, 100_050, 10_000);

        var g = new MarketMakerFixture(parameters);
        g.H.Engine.Positions.ApplyFill(A, Side.Ask, new Price(100_100), new Quantity(25_000), 0);
        g.WideBook();

        // −2.5: fair 1002.00; bid 1002 × 0.9995 = 1001.499 → 1001.49; ask 1002 × 1.0005 = 1002.501 → 1002.51.
        news = News(g);
        AssertQuote(news[0], Side.Bid, 100_149, 10_000);
        AssertQuote(news[1], Side.Ask, 100_251, 10_000);
    }

    [Test]
    public void SecondLevel_IsSpacedFurtherOut()
    {
        var f = new MarketMakerFixture(MarketMakerFixture.Defaults() with { Levels = 2 });
        f.WideBook();

        // Level 1: 1001 × (1 − 0.0005 − 0.0005) = 999.999 → 999.99; 1001 × 1.001 = 1002.001 → 1002.01.
        var news = News(f);
        Assert.That(news, Has.Count.EqualTo(4));
        AssertQuote(news[0], Side.Bid, 100_049, 10_000);
        AssertQuote(news[1], Side.Ask, 100_151, 10_000);
        AssertQuote(news[2], Side.Bid, 99_999, 10_000);
        AssertQuote(news[3], Side.Ask, 100_201, 10_000);
    }

    [Test]
    public void PostOnlyQuotes_NeverCrossTheBook()
    {
        var f = new MarketMakerFixture(MarketMakerFixture.Defaults() with { ImbalanceSkew = BasisPoints.FromWhole(50), ImbalanceDepth = 1 });
        f.Top(100_000, 100_000, 100_010, 1);

        // Imbalance 99999/100001 → fair ×2 = 200010 + 1000 = 201010 (1005.05): the bid would be 1004.54, above the best ask 1000.10,
        // so it is pulled to one tick below it (1000.09); the ask 1005.05 × 1.0005 = 1005.552525 → 1005.56.
        var news = News(f);
        AssertQuote(news[0], Side.Bid, 100_009, 10_000);
        AssertQuote(news[1], Side.Ask, 100_556, 10_000);
    }

    [Test]
    public void QuoteMath_RoundingHelpers()
    {
        Assert.That(QuoteMath.FloorDiv(7, 5), Is.EqualTo(1));
        Assert.That(QuoteMath.FloorDiv(-7, 5), Is.EqualTo(-2));
        Assert.That(QuoteMath.FloorDiv(-10, 5), Is.EqualTo(-2));
        Assert.That(QuoteMath.LevelQuantity(room: 7_500, level: 0, size: 10_000, lot: 1_000), Is.EqualTo(7_000));
        Assert.That(QuoteMath.LevelQuantity(room: 27_500, level: 2, size: 10_000, lot: 1_000), Is.EqualTo(7_000));
        Assert.That(QuoteMath.LevelQuantity(room: 20_000, level: 2, size: 10_000, lot: 1_000), Is.Zero);
        Assert.That(QuoteMath.MovedBeyond(200_200, 200_220, BasisPoints.FromWhole(1)), Is.False);
        Assert.That(QuoteMath.MovedBeyond(200_200, 200_221, BasisPoints.FromWhole(1)), Is.True);
        Assert.That(QuoteMath.MovedBeyond(200_200, 200_179, BasisPoints.FromWhole(1)), Is.True);
    }

    [Test]
    public void LargeRawPrices_TakeThe128BitPath_WithTheSameRounding()
    {
        // 60,000.00000000 at price scale 8: fair×2 = 1.2e13 is too large for the 64-bit product with the spread factor.
        var spread = BasisPoints.FromWhole(10);
        var spacing = BasisPoints.FromWhole(5);
        Assert.That(QuoteMath.BidPrice(12_000_000_000_000, 0, spread, spacing, 1, long.MaxValue), Is.EqualTo(5_997_000_000_000));
        Assert.That(QuoteMath.AskPrice(12_000_000_000_000, 0, spread, spacing, 1, 0), Is.EqualTo(6_003_000_000_000));

        // Half a raw unit above: bid 5,997,000,000,000.49975 → down; ask 6,003,000,000,000.50025 → up.
        Assert.That(QuoteMath.BidPrice(12_000_000_000_001, 0, spread, spacing, 1, long.MaxValue), Is.EqualTo(5_997_000_000_000));
        Assert.That(QuoteMath.AskPrice(12_000_000_000_001, 0, spread, spacing, 1, 0), Is.EqualTo(6_003_000_000_001));

        // The same prices at scale 2 go through the 64-bit path: 60,000.00 → 59,970.00 / 60,030.00.
        Assert.That(QuoteMath.BidPrice(12_000_000, 0, spread, spacing, 1, long.MaxValue), Is.EqualTo(5_997_000));
        Assert.That(QuoteMath.AskPrice(12_000_000, 0, spread, spacing, 1, 0), Is.EqualTo(6_003_000));
    }

    [Test]
    public void BasisPoints_ParseExactly()
    {
        Assert.That(BasisPoints.Parse("7.5").Raw, Is.EqualTo(750));
        Assert.That(BasisPoints.Parse("10").Raw, Is.EqualTo(1_000));
        Assert.That(BasisPoints.FromWhole(3).Raw, Is.EqualTo(300));
        Assert.That(() => BasisPoints.Parse("0.125"), Throws.TypeOf<FormatException>().With.Message.Contains("0.125"));
    }
}
