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

    [Test]
    public void Every_length_up_to_2048_matches_the_bytewise_table()
    {
        // Lengths below 64 take the table; from 64 on the folding path plus a table tail.
        var random = new Random(11);
        var data = new byte[2048 + 15];
        random.NextBytes(data);
        for (var length = 0; length <= 2048; length++)
        {
            // Unaligned starts and a non-initial state: folding must not assume either.
            var offset = length % 16;
            var start = length % 3 == 0 ? Crc32.Initial : (uint)random.Next();
            var input = data.AsSpan(offset, length);
            Assert.That(Crc32.Append(start, input), Is.EqualTo(Bytewise(start, input)), $"length {length}");
        }
    }

    [Test]
    public void Check_value_at_folding_lengths()
    {
        // "123456789" repeated past one fold block; the reference is the bytewise table.
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("123456789", 40)));
        Assert.That(Crc32.Compute(text.AsSpan(0, 9)), Is.EqualTo(0xCBF4_3926u));
        for (var length = 60; length <= text.Length; length++)
        {
            Assert.That(Crc32.Compute(text.AsSpan(0, length)), Is.EqualTo(~Bytewise(Crc32.Initial, text.AsSpan(0, length))));
        }
    }

    private static uint Bytewise(uint state, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            state = Crc32.Append(state, b);
        }

        return state;
    }
}
