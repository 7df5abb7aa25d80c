using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Trading.Positions;
using static Velox.Trading.Tests.Fixtures;

namespace Velox.Trading.Tests.Positions;

/// <summary>Hand-computed cases. Price scale 2, size scale 4: money is at scale 6 (1.0 = 1_000_000); fees at scale 8.</summary>
public class PositionBookTests
{
    private const long One = 1_000_000;
    private const long FeeUnit = 100_000_000;

    private static PositionBook Book()
    {
        var registry = new InstrumentRegistry();
        registry.Add("sim", "BTC-USD", 2, 4);
        registry.Add("sim", "ETH-USD", 2, 4);
        registry.Add("other", "BTC-USD", 2, 4);
        return new PositionBook(registry);
    }

    [Test]
    public void An_opening_position_is_held_at_its_price_and_only_on_an_untraded_instrument()
    {
        var book = Book();
        Assert.That(book.TryOpen(Btc, Qty(-0.5m), Px(100)), Is.True);
        Assert.That(book[Btc].Fills, Is.Zero, "reconciliation is not a fill");
        Assert.That(book.TryGetAverageEntryPrice(Btc, out var average, out _), Is.True);
        Assert.That(average, Is.EqualTo(Px(100)));
        Assert.That(book.UnrealizedPnl(Btc, Px(90)), Is.EqualTo((Int128)(5 * One)), "short 0.5 from 100, marked at 90");

        book.ApplyFill(Btc, Side.Bid, Px(96), Qty(0.5m), 0);
        Assert.That(book[Btc].RealizedPnl, Is.EqualTo((Int128)(2 * One)), "covered at 96: 0.5 × (100 − 96)");
        Assert.That(book.TryOpen(Btc, Qty(1), Px(100)), Is.False, "already traded");
    }

    [Test]
    public void BuyBuySell_WithFees()
    {
        var book = Book();
        // Taker fee 0.1 %: 0.10, 0.11, then 0.18 on 1.5 × 120 = 180.
        book.ApplyFill(Btc, Side.Bid, Px(100), Qty(1), 10_000_000);
        book.ApplyFill(Btc, Side.Bid, Px(110), Qty(1), 11_000_000);
        Assert.That(book.TryGetAverageEntryPrice(Btc, out var average, out var exact), Is.True);
        Assert.That(average, Is.EqualTo(Px(105)));
        Assert.That(exact, Is.True);

        book.ApplyFill(Btc, Side.Ask, Px(120), Qty(1.5m), 18_000_000);
        var position = book[Btc];
        Assert.That(position.Quantity, Is.EqualTo(Qty(0.5m)));
        Assert.That(position.CostBasis, Is.EqualTo((Int128)52_500_000), "0.5 left at the 105 average");
        Assert.That(position.RealizedPnl, Is.EqualTo((Int128)22_500_000), "1.5 × (120 − 105)");
        Assert.That(position.Fees, Is.EqualTo(39_000_000));
        Assert.That(book.NetRealizedPnl(Btc), Is.EqualTo((Int128)22_110_000), "22.5 − 0.39");
        Assert.That(book.UnrealizedPnl(Btc, Px(130)), Is.EqualTo((Int128)(12 * One + (One / 2))), "0.5 × (130 − 105)");
        Assert.That(position.Volume, Is.EqualTo(Qty(3.5m).Raw));
        Assert.That(position.Fills, Is.EqualTo(3));
    }

    [Test]
    public void FlipThroughZero_ClosesAtTheAverage_AndOpensTheRestAtTheFillPrice()
    {
        var book = Book();
        book.ApplyFill(Btc, Side.Bid, Px(100), Qty(1), 0);
        book.ApplyFill(Btc, Side.Bid, Px(110), Qty(1), 0);
        book.ApplyFill(Btc, Side.Ask, Px(100), Qty(3), 0);
        var position = book[Btc];
        Assert.That(position.RealizedPnl, Is.EqualTo((Int128)(-10 * One)), "2 × (100 − 105)");
        Assert.That(position.Quantity, Is.EqualTo(Qty(-1)));
        Assert.That(position.CostBasis, Is.EqualTo((Int128)(-100 * One)));
        Assert.That(book.TryGetAverageEntryPrice(Btc, out var average, out _), Is.True);
        Assert.That(average, Is.EqualTo(Px(100)));
        Assert.That(book.UnrealizedPnl(Btc, Px(90)), Is.EqualTo((Int128)(10 * One)), "short 1 from 100, mark 90");

        book.ApplyFill(Btc, Side.Bid, Px(90), Qty(3), 0);
        position = book[Btc];
        Assert.That(position.RealizedPnl, Is.EqualTo((Int128)0), "−10 + 10 covering the short");
        Assert.That(position.Quantity, Is.EqualTo(Qty(2)));
        Assert.That(position.CostBasis, Is.EqualTo((Int128)(180 * One)));
    }

    [Test]
    public void FlipExactlyToFlat_LeavesNoBasis()
    {
        var book = Book();
        book.ApplyFill(Btc, Side.Ask, Px(100), Qty(2), 0);
        book.ApplyFill(Btc, Side.Bid, Px(95), Qty(2), 0);
        Assert.That(book[Btc].Quantity.Raw, Is.Zero);
        Assert.That(book[Btc].CostBasis, Is.EqualTo(Int128.Zero));
        Assert.That(book[Btc].RealizedPnl, Is.EqualTo((Int128)(10 * One)));
        Assert.That(book.TryGetAverageEntryPrice(Btc, out _, out _), Is.False);
    }

    [Test]
    public void Rebates_AreNegativeFees_AndRaiseNetPnl()
    {
        var book = Book();
        book.ApplyFill(Btc, Side.Bid, Px(100), Qty(1), -2 * FeeUnit / 100);
        book.ApplyFill(Btc, Side.Ask, Px(101), Qty(1), -2 * FeeUnit / 100);
        Assert.That(book[Btc].Fees, Is.EqualTo(-4 * FeeUnit / 100));
        Assert.That(book.NetRealizedPnl(Btc), Is.EqualTo((Int128)(One + (4 * One / 100))), "1.00 gross + 0.04 rebates");
    }

    [Test]
    public void InexactAverage_IsTruncated_ButTheRoundTripIsExact()
    {
        var book = Book();
        // 3 bought for 100 + 100 + 101: average 100.333…; sell one at a time.
        book.ApplyFill(Btc, Side.Bid, Px(100), Qty(1), 0);
        book.ApplyFill(Btc, Side.Bid, Px(100), Qty(1), 0);
        book.ApplyFill(Btc, Side.Bid, Px(101), Qty(1), 0);
        Assert.That(book.TryGetAverageEntryPrice(Btc, out var average, out var exact), Is.True);
        Assert.That(average, Is.EqualTo(Px(100.33m)));
        Assert.That(exact, Is.False);
        book.ApplyFill(Btc, Side.Ask, Px(102), Qty(1), 0);
        book.ApplyFill(Btc, Side.Ask, Px(102), Qty(1), 0);
        book.ApplyFill(Btc, Side.Ask, Px(102), Qty(1), 0);
        Assert.That(book[Btc].RealizedPnl, Is.EqualTo((Int128)(5 * One)), "306 − 301 exactly");
        Assert.That(book[Btc].CostBasis, Is.EqualTo(Int128.Zero));
    }

    [Test]
    public void Reconcile_ReportsEveryDifference_OnTheVenueOnly()
    {
        var book = Book();
        book.ApplyFill(Btc, Side.Bid, Px(100), Qty(1), 0);
        book.ApplyFill(Eth, Side.Ask, Px(10), Qty(2), 0);
        book.ApplyFill(new InstrumentId(2), Side.Bid, Px(100), Qty(5), 0);
        Span<PositionDifference> differences = stackalloc PositionDifference[4];

        Assert.That(book.Reconcile("sim", [new VenuePosition(Btc, Qty(1)), new VenuePosition(Eth, Qty(-2))], differences), Is.Zero);

        var count = book.Reconcile("sim", [new VenuePosition(Btc, Qty(1.5m))], differences);
        Assert.That(count, Is.EqualTo(2));
        Assert.That(differences[0], Is.EqualTo(new PositionDifference(Btc, Qty(1), Qty(1.5m))));
        Assert.That(differences[0].Delta, Is.EqualTo(Qty(0.5m).Raw));
        Assert.That(differences[1], Is.EqualTo(new PositionDifference(Eth, Qty(-2), default(Quantity))));
    }
}
