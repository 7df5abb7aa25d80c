using Velox.MarketData.Collections;

namespace Velox.MarketData.Tests.Collections;

public sealed class LongKeyMapTests
{
    [Test]
    public void MatchesADictionaryUnderRandomChurn()
    {
        var random = new Random(7);
        var map = new LongKeyMap(300);
        var reference = new Dictionary<long, int>();
        for (var i = 0; i < 100_000; i++)
        {
            long key = random.Next(0, 600) * 7919L;
            if (random.Next(2) == 0)
            {
                var added = map.TrySet(key, i);
                if (added)
                {
                    reference[key] = i;
                }
                else
                {
                    Assert.That(reference, Has.Count.EqualTo(300));
                }
            }
            else
            {
                Assert.That(map.Remove(key), Is.EqualTo(reference.Remove(key)));
            }

            Assert.That(map.Count, Is.EqualTo(reference.Count));
        }

        foreach (var (key, value) in reference)
        {
            Assert.That(map.TryGetValue(key, out var got), Is.True);
            Assert.That(got, Is.EqualTo(value));
        }
    }
}
