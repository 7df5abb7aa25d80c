using System.Text;
using Velox.Core.Hashing;

namespace Velox.Core.Tests;

public class Crc32Tests
{
    [TestCase("", 0x0000_0000u)]
    [TestCase("a", 0xE8B7_BE43u)]
    [TestCase("123456789", 0xCBF4_3926u)]
    [TestCase("The quick brown fox jumps over the lazy dog", 0x414F_A339u)]
    public void Matches_zlib(string text, uint expected) =>
        Assert.That(Crc32.Compute(Encoding.ASCII.GetBytes(text)), Is.EqualTo(expected));

    [Test]
    public void Incremental_equals_one_shot_for_every_split()
    {
        var data = new byte[257];
        new Random(3).NextBytes(data);
        var whole = Crc32.Compute(data);
        for (var split = 0; split <= data.Length; split++)
        {
            var state = Crc32.Append(Crc32.Initial, data.AsSpan(0, split));
            state = Crc32.Append(state, data.AsSpan(split));
            Assert.That(Crc32.Finish(state), Is.EqualTo(whole));
        }

        var bytewise = Crc32.Initial;
        foreach (var b in data)
        {
            bytewise = Crc32.Append(bytewise, b);
        }

        Assert.That(Crc32.Finish(bytewise), Is.EqualTo(whole));
    }
}
