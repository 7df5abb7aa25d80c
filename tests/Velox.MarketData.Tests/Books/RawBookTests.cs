using Velox.Core;
using Velox.Core.Instruments;
using Velox.MarketData.Books;

namespace Velox.MarketData.Tests.Books;

public sealed class RawBookTests
{
    [Test]
    public void AggregatesOrdersIntoLevels()
    {
        var book = new RawBook(new InstrumentId(0), 16);
        Assert.That(book.Apply(1, 100, 5), Is.EqualTo(RawBookChange.Added));
        book.Apply(2, 100, 3);
        book.Apply(3, 101, -4);
        Assert.That(book.Levels.Bids.Best, Is.EqualTo(new BookLevel(100, 8, 2)));
        Assert.That(book.Levels.Asks.Best, Is.EqualTo(new BookLevel(101, 4, 1)));

        Assert.That(book.Apply(2, 99, 3), Is.EqualTo(RawBookChange.Modified));
        Assert.That(book.Levels.Bids.Best, Is.EqualTo(new BookLevel(100, 5, 1)));
        Assert.That(book.Levels.Bids.Count, Is.EqualTo(2));

        Assert.That(book.Apply(1, 0, 1), Is.EqualTo(RawBookChange.Removed));
        Assert.That(book.Levels.Bids.Best, Is.EqualTo(new BookLevel(99, 3, 1)));
        Assert.That(book.Apply(1, 0, 1), Is.EqualTo(RawBookChange.RemoveMissing));
        Assert.That(book.OrderCount, Is.EqualTo(2));
        Assert.That(book.TryGetOrder(3, out var side, out var price, out var size), Is.True);
        Assert.That((side, price, size), Is.EqualTo((Side.Ask, 101L, 4L)));
    }

    [Test]
    public void ReportsFullInsteadOfGrowing()
    {
        var book = new RawBook(new InstrumentId(0), 2);
        book.Apply(1, 10, 1);
        book.Apply(2, 11, 1);
        Assert.That(book.Apply(3, 12, 1), Is.EqualTo(RawBookChange.Full));
        book.Apply(1, 0, 1);
        Assert.That(book.Apply(3, 12, 1), Is.EqualTo(RawBookChange.Added));
    }
}
