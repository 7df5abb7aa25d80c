using System.Text;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.MarketData.Books;

namespace Velox.MarketData.Tests.Books;

public sealed class WireTextBookTests
{
    [Test]
    public void TextFollowsTheLevelThroughUpdateAndDelete()
    {
        var book = new WireTextBook(new InstrumentId(1), 4);

        Apply(book, Side.Bid, 1000, "0.10", 150, "1.50");
        Apply(book, Side.Bid, 1000, "0.10", 200, "2.000");

        Assert.That(Text(book, Side.Bid, 1000), Is.EqualTo(("0.10", "2.000")));
        Apply(book, Side.Bid, 1000, "0.10", 0, "0");
        Assert.That(book.TryGetText(Side.Bid, 1000, out _, out _), Is.False);
        Assert.That(book.Levels.Bids.Count, Is.Zero);
    }

    [Test]
    public void LevelDroppedByTheDepthLimitTakesItsTextAlong()
    {
        var book = new WireTextBook(new InstrumentId(1), 2);
        Apply(book, Side.Ask, 101, "1.01", 1, "1");
        Apply(book, Side.Ask, 102, "1.02", 1, "1");

        Apply(book, Side.Ask, 100, "1.00", 1, "1");
        Apply(book, Side.Ask, 103, "1.03", 1, "1");

        Assert.That(book.TryGetText(Side.Ask, 102, out _, out _), Is.False, "worst level dropped for 100");
        Assert.That(book.TryGetText(Side.Ask, 103, out _, out _), Is.False, "beyond depth, never stored");
        Assert.That(Text(book, Side.Ask, 100), Is.EqualTo(("1.00", "1")));
        for (var i = 0; i < 100; i++)
        {
            Apply(book, Side.Ask, 90 - i, "x", 1, "1");
        }

        Assert.That(book.Levels.Asks.Count, Is.EqualTo(2), "slots are recycled, never exhausted");
    }

    [Test]
    public void TruncateRemovesTheWorstLevelsAndTheirText()
    {
        var book = new WireTextBook(new InstrumentId(1), 8);
        for (var i = 0; i < 6; i++)
        {
            Apply(book, Side.Bid, 100 - i, "p", 1, "1");
            Apply(book, Side.Ask, 101 + i, "p", 1, "1");
        }

        book.TruncateTo(3);

        Assert.That(book.Levels.Bids.Count, Is.EqualTo(3));
        Assert.That(book.Levels.Asks.Count, Is.EqualTo(3));
        Assert.That(book.TryGetText(Side.Bid, 97, out _, out _), Is.False);
        Assert.That(book.TryGetText(Side.Bid, 98, out _, out _), Is.True);
        Assert.That(book.TryGetText(Side.Ask, 104, out _, out _), Is.False);
    }

    [Test]
    public void OverlongTextIsRefusedWithoutChangingTheBook()
    {
        var book = new WireTextBook(new InstrumentId(1), 2);
        var ok = book.TryApply(Side.Bid, 1, 1, 0, Encoding.ASCII.GetBytes(new string('1', WireTextBook.MaxTextLength + 1)), "1"u8, out _);

        Assert.That(ok, Is.False);
        Assert.That(book.Levels.Bids.Count, Is.Zero);
    }

    private static void Apply(WireTextBook book, Side side, long price, string priceText, long size, string sizeText) =>
        Assert.That(book.TryApply(side, price, size, 1, Encoding.ASCII.GetBytes(priceText), Encoding.ASCII.GetBytes(sizeText), out _), Is.True);

    private static (string, string) Text(WireTextBook book, Side side, long price)
    {
        Assert.That(book.TryGetText(side, price, out var p, out var s), Is.True);
        return (Encoding.ASCII.GetString(p), Encoding.ASCII.GetString(s));
    }
}
