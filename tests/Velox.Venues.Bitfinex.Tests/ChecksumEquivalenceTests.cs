using System.Text;
using Velox.Core.Hashing;
using Velox.Core.Numerics;
using Velox.MarketData;

namespace Velox.Venues.Bitfinex.Tests;

public sealed class ChecksumEquivalenceTests
{
    [Test]
    public void FastTextMatchesJsNumberFormatOnRandomBooks()
    {
        var random = new Random(2024);
        for (var round = 0; round < 2_000; round++)
        {
            var priceScale = random.Next(0, 13);
            var sizeScale = random.Next(0, 11);
            var bids = RandomLevels(random, random.Next(0, 30));
            var asks = RandomLevels(random, random.Next(0, 30));

            var text = new StringBuilder();
            for (var i = 0; i < 25; i++)
            {
                if (i < bids.Length)
                {
                    Append(text, bids[i].Price, priceScale, bids[i].Size, sizeScale);
                }

                if (i < asks.Length)
                {
                    Append(text, asks[i].Price, priceScale, -asks[i].Size, sizeScale);
                }
            }

            var expected = (int)Crc32.Compute(Encoding.ASCII.GetBytes(text.ToString()));
            Assert.That(BitfinexChecksum.Compute(bids, asks, priceScale, sizeScale), Is.EqualTo(expected), text.ToString());
        }
    }

    private static BookLevel[] RandomLevels(Random random, int count)
    {
        var levels = new BookLevel[count];
        for (var i = 0; i < count; i++)
        {
            // Mix tiny (exponent form), round and long-mantissa values.
            long Next() => random.Next(4) switch
            {
                0 => random.Next(1, 100),
                1 => random.Next(1, 10) * (long)Math.Pow(10, random.Next(0, 12)),
                2 => random.NextInt64(1, 1_000_000_000_000_000),
                _ => random.NextInt64(1, 100_000_000),
            };
            levels[i] = new BookLevel(Next(), Next(), 1);
        }

        return levels;
    }

    private static void Append(StringBuilder text, long price, int priceScale, long amount, int sizeScale)
    {
        if (text.Length > 0)
        {
            text.Append(':');
        }

        text.Append(JsNumberFormat.ToString(price, priceScale)).Append(':').Append(JsNumberFormat.ToString(amount, sizeScale));
    }
}
