using Velox.Core;
using Velox.Core.Instruments;
using Velox.MarketData.Books;

namespace Velox.MarketData.Tests.Books;

public sealed class L2BookTests
{
    private static L2Book NewBook(int depth = 10) => new(new InstrumentId(1), depth);

    private static long[] Prices(L2BookSide side)
    {
        var levels = new BookLevel[side.Count];
        side.CopyBestFirst(levels);
        var prices = new long[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            prices[i] = levels[i].Price;
        }

        return prices;
    }

    [Test]
    public void InsertsAtTopMiddleAndBottomKeepBestFirstOrder()
    {
        var book = NewBook();
        Assert.That(book.Apply(Side.Bid, 100, 1, 1), Is.EqualTo(BookChange.Inserted));
        book.Apply(Side.Bid, 102, 1, 1);
        book.Apply(Side.Bid, 98, 1, 1);
        book.Apply(Side.Bid, 101, 1, 1);
        book.Apply(Side.Ask, 110, 1, 1);
        book.Apply(Side.Ask, 105, 1, 1);
        book.Apply(Side.Ask, 120, 1, 1);
        book.Apply(Side.Ask, 107, 1, 1);

        Assert.That(Prices(book.Bids), Is.EqualTo(new long[] { 102, 101, 100, 98 }));
        Assert.That(Prices(book.Asks), Is.EqualTo(new long[] { 105, 107, 110, 120 }));
        Assert.That(book.TryGetTop(out var bid, out var ask), Is.True);
        Assert.That((bid.Price, ask.Price), Is.EqualTo((102L, 105L)));
    }

    [Test]
    public void UpdateReplacesSizeAndCount()
    {
        var book = NewBook();
        book.Apply(Side.Ask, 105, 1, 1);
        Assert.That(book.Apply(Side.Ask, 105, 7, 3), Is.EqualTo(BookChange.Updated));
        Assert.That(book.Asks.Best, Is.EqualTo(new BookLevel(105, 7, 3)));
        Assert.That(book.Asks.Count, Is.EqualTo(1));
    }

    [Test]
    public void DeleteRemovesTopMiddleAndReportsMissing()
    {
        var book = NewBook();
        foreach (var p in new long[] { 100, 101, 102, 103 })
        {
            book.Apply(Side.Bid, p, 1, 1);
        }

        Assert.That(book.Apply(Side.Bid, 103, 0, 0), Is.EqualTo(BookChange.Deleted));
        Assert.That(book.Apply(Side.Bid, 101, 0, 0), Is.EqualTo(BookChange.Deleted));
        Assert.That(book.Apply(Side.Bid, 99, 0, 0), Is.EqualTo(BookChange.DeleteMissing));
        Assert.That(book.Apply(Side.Ask, 99, 0, 0), Is.EqualTo(BookChange.DeleteMissing));
        Assert.That(Prices(book.Bids), Is.EqualTo(new long[] { 102, 100 }));
    }

    [Test]
    public void DepthLimitDropsTheWorstLevel()
    {
        var book = NewBook(depth: 3);
        book.Apply(Side.Ask, 10, 1, 1);
        book.Apply(Side.Ask, 11, 1, 1);
        book.Apply(Side.Ask, 12, 1, 1);

        Assert.That(book.Apply(Side.Ask, 13, 1, 1), Is.EqualTo(BookChange.DroppedBeyondDepth));
        Assert.That(book.Apply(Side.Ask, 9, 1, 1), Is.EqualTo(BookChange.Inserted));
        Assert.That(Prices(book.Asks), Is.EqualTo(new long[] { 9, 10, 11 }));
        Assert.That(book.Apply(Side.Ask, 10, 0, 0), Is.EqualTo(BookChange.Deleted));
        book.Apply(Side.Ask, 10, 1, 1);
        Assert.That(book.Apply(Side.Ask, 10, 2, 1), Is.EqualTo(BookChange.Updated));
        Assert.That(Prices(book.Asks), Is.EqualTo(new long[] { 9, 10, 11 }));
        book.Apply(Side.Ask, 10, 0, 0);
        Assert.That(book.Apply(Side.Ask, 105, 1, 1), Is.EqualTo(BookChange.Inserted));
        Assert.That(book.Apply(Side.Ask, 8, 1, 1), Is.EqualTo(BookChange.Inserted));
        Assert.That(Prices(book.Asks), Is.EqualTo(new long[] { 8, 9, 11 }));
    }

    [Test]
    public void CopyBestFirstHonoursDestinationLengthAndAtDepth()
    {
        var book = NewBook();
        for (var p = 1; p <= 5; p++)
        {
            book.Apply(Side.Bid, p, p * 10, 1);
        }

        Span<BookLevel> top = stackalloc BookLevel[3];
        Assert.That(book.Bids.CopyBestFirst(top), Is.EqualTo(3));
        Assert.That(top[0].Price, Is.EqualTo(5));
        Assert.That(top[2].Price, Is.EqualTo(3));
        Assert.That(book.Bids.AtDepth(4).Size, Is.EqualTo(10));
    }

    [Test]
    public void ClearEmptiesBothSides()
    {
        var book = NewBook();
        book.Apply(Side.Bid, 1, 1, 1);
        book.Apply(Side.Ask, 2, 1, 1);
        book.Clear();
        Assert.That(book.TryGetTop(out _, out _), Is.False);
        Assert.That(book.Bids.Count + book.Asks.Count, Is.Zero);
    }

    [Test]
    public void RandomOperationsMatchASortedReference()
    {
        var random = new Random(12345);
        var book = NewBook(depth: 50);
        var reference = new SortedDictionary<long, long>();
        for (var i = 0; i < 20_000; i++)
        {
            var price = random.Next(1, 80);
            if (random.Next(3) == 0)
            {
                var change = book.Apply(Side.Bid, price, 0, 0);
                Assert.That(change == BookChange.Deleted, Is.EqualTo(reference.Remove(price)));
            }
            else
            {
                var size = random.Next(1, 1000);
                var change = book.Apply(Side.Bid, price, size, 1);
                if (change != BookChange.DroppedBeyondDepth)
                {
                    reference[price] = size;
                }

                while (reference.Count > 50)
                {
                    reference.Remove(reference.Keys.First());
                }
            }
        }

        var expected = reference.Keys.Reverse().ToArray();
        Assert.That(Prices(book.Bids), Is.EqualTo(expected));
    }

    [Test]
    public void ApplyDoesNotAllocate()
    {
        var book = NewBook(depth: 100);
        for (var i = 0; i < 1000; i++)
        {
            book.Apply(Side.Bid, i % 150, 1 + i, 1);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            book.Apply((i & 1) == 0 ? Side.Bid : Side.Ask, 1000 + (i % 200), (i % 7) == 0 ? 0 : 1 + i, 1);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
