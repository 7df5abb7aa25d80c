using Velox.Core;
using Velox.Core.Instruments;
using Velox.MarketData;
using Velox.MarketData.Books;

namespace Velox.Venues.Bitfinex.Tests;

public sealed class TopLevelTextTests
{
    [Test]
    public void CachedChecksumEqualsUncachedOverRandomUpdateSequences()
    {
        var random = new Random(7);
        var checks = 0;
        for (var round = 0; round < 3_000; round++)
        {
            var priceScale = random.Next(0, 13);
            var sizeScale = random.Next(0, 11);
            var book = new L2Book(new InstrumentId(0), random.Next(4) == 0 ? random.Next(1, 30) : 100);
            var text = new TopLevelText(priceScale, sizeScale);
            var prices = new PriceModel(random, priceScale);
            Fill(random, book, prices, random.Next(0, 60));

            for (var step = 0; step < 40; step++)
            {
                var changes = random.Next(6) == 0 ? random.Next(5, 40) : random.Next(0, 3);
                for (var c = 0; c < changes; c++)
                {
                    Change(random, book, prices);
                }

                if (random.Next(50) == 0)
                {
                    // Resync: a fresh snapshot, possibly of another depth.
                    book.Clear();
                    Fill(random, book, prices, random.Next(0, 60));
                }

                var expected = BitfinexChecksum.Compute(book, priceScale, sizeScale);
                Assert.That(text.Checksum(book), Is.EqualTo(expected), $"round {round} step {step}");
                checks++;
            }
        }

        Assert.That(checks, Is.EqualTo(3_000 * 40));
    }

    [Test]
    public void CachedChecksumOfBestFirstSpansEqualsUncachedAtEveryDepth()
    {
        var random = new Random(8);
        for (var round = 0; round < 2_000; round++)
        {
            var priceScale = random.Next(0, 13);
            var sizeScale = random.Next(0, 11);
            var book = new L2Book(new InstrumentId(0), 60);
            var text = new TopLevelText(priceScale, sizeScale);
            var prices = new PriceModel(random, priceScale);
            Fill(random, book, prices, random.Next(0, 60));
            for (var step = 0; step < 10; step++)
            {
                Change(random, book, prices);
                var bids = new BookLevel[book.Bids.Count];
                var asks = new BookLevel[book.Asks.Count];
                book.Bids.CopyBestFirst(bids);
                book.Asks.CopyBestFirst(asks);
                var depth = random.Next(3) == 0 ? random.Next(1, 30) : 25;
                var expected = BitfinexChecksum.Compute(bids.AsSpan(0, Math.Min(depth, bids.Length)), asks.AsSpan(0, Math.Min(depth, asks.Length)), priceScale, sizeScale);
                Assert.That(text.Checksum(bids, asks, depth), Is.EqualTo(expected), $"round {round} step {step} depth {depth}");
            }
        }
    }

    [Test]
    public void ExponentPricesAndTheGoVector()
    {
        // tXRPBTC-like tiny prices print as 6.6e-7; the cached path must reproduce them too.
        var book = new L2Book(new InstrumentId(0), 25);
        var text = new TopLevelText(10, 8);
        book.Apply(Side.Bid, 6_600, 1_000_000_000, 1);
        book.Apply(Side.Ask, 7_000, 250_000_000, 2);
        Assert.That(text.Checksum(book), Is.EqualTo(BitfinexChecksum.Compute(book, 10, 8)));
        book.Apply(Side.Bid, 6_610, 5, 1);
        book.Apply(Side.Ask, 7_000, 0, 0);
        Assert.That(text.Checksum(book), Is.EqualTo(BitfinexChecksum.Compute(book, 10, 8)));
        book.Clear();
        Assert.That(text.Checksum(book), Is.EqualTo(BitfinexChecksum.Compute(book, 10, 8)));
    }

    [Test]
    public void AllocatesNothingAfterWarmUp()
    {
        var random = new Random(9);
        var book = new L2Book(new InstrumentId(0), 100);
        var text = new TopLevelText(10, 8);
        var prices = new PriceModel(random, 10);
        Fill(random, book, prices, 50);
        var checksum = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10_000; i++)
            {
                Change(random, book, prices);
                checksum ^= text.Checksum(book);
            }

            if (pass == 1)
            {
                Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero, checksum.ToString());
            }
        }
    }

    private static void Fill(Random random, L2Book book, PriceModel prices, int levels)
    {
        for (var i = 0; i < levels; i++)
        {
            book.Apply(Side.Bid, prices.Bid(random.Next(0, 80)), RandomSize(random), 1);
            book.Apply(Side.Ask, prices.Ask(random.Next(0, 80)), RandomSize(random), 1);
        }
    }

    /// <summary>One update: a new best level, a delete (often the best), a size change or a deeper insert.</summary>
    private static void Change(Random random, L2Book book, PriceModel prices)
    {
        var side = random.Next(2) == 0 ? Side.Bid : Side.Ask;
        var bookSide = book[side];
        switch (random.Next(5))
        {
            case 0:
                var better = bookSide.Count == 0 ? prices.Near(side) : bookSide.Best.Price + (side == Side.Bid ? prices.Tick : -prices.Tick);
                if (better > 0)
                {
                    book.Apply(side, better, RandomSize(random), 1);
                }

                break;
            case 1 when bookSide.Count > 0:
                var depth = random.Next(2) == 0 ? 0 : random.Next(bookSide.Count);
                book.Apply(side, bookSide.AtDepth(depth).Price, 0, 0);
                break;
            case 2 when bookSide.Count > 0:
                var at = random.Next(Math.Min(bookSide.Count, 30));
                book.Apply(side, bookSide.AtDepth(at).Price, RandomSize(random), 2);
                break;
            default:
                var price = side == Side.Bid ? prices.Bid(random.Next(0, 40)) : prices.Ask(random.Next(0, 40));
                book.Apply(side, price, RandomSize(random), 1);
                break;
        }
    }

    private static long RandomSize(Random random) => random.Next(4) switch
    {
        0 => random.Next(1, 100),
        1 => random.NextInt64(1, 1_000_000_000_000),
        2 => random.Next(1, 10) * 100_000_000L,
        _ => random.NextInt64(1, 10_000_000_000),
    };

    /// <summary>Prices around a mid on a tick grid; tiny mids (raw &lt; 10^(scale-6)) print in exponent form.</summary>
    private sealed class PriceModel
    {
        private readonly long _mid;

        public PriceModel(Random random, int priceScale)
        {
            var kind = random.Next(3);
            Tick = kind == 0 ? 1 : (long)Math.Pow(10, random.Next(0, Math.Max(1, priceScale)));
            _mid = kind switch
            {
                0 => random.Next(200, 5_000),
                1 => random.NextInt64(1_000, 1_000_000) * Tick,
                _ => random.NextInt64(10_000, 100_000) * Tick,
            };
        }

        public long Tick { get; }

        public long Bid(int ticks) => Math.Max(1, _mid - ((ticks + 1) * Tick));

        public long Ask(int ticks) => _mid + ((ticks + 1) * Tick);

        public long Near(Side side) => side == Side.Bid ? _mid - Tick : _mid + Tick;
    }
}
