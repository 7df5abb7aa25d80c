using Velox.Net.WebSockets;

namespace Velox.Net.Tests.WebSockets;

public sealed class WebSocketMaskTests
{
    [Test]
    public void Matches_the_bytewise_definition_for_every_length_and_offset()
    {
        var random = new Random(3);
        byte[] key = [0x37, 0xfa, 0x21, 0x3d];
        var maskKey = BitConverter.ToUInt32(key);
        for (var length = 0; length <= 80; length++)
        {
            for (var offset = 0; offset < 8; offset++)
            {
                var data = new byte[length];
                random.NextBytes(data);
                var expected = new byte[length];
                for (var i = 0; i < length; i++)
                {
                    expected[i] = (byte)(data[i] ^ key[(offset + i) % 4]);
                }

                WebSocketMask.Apply(data, maskKey, offset);
                Assert.That(data, Is.EqualTo(expected), $"length {length} offset {offset}");
            }
        }
    }

    [Test]
    public void Masking_in_pieces_equals_masking_at_once()
    {
        var random = new Random(5);
        var whole = new byte[1000];
        random.NextBytes(whole);
        var pieces = (byte[])whole.Clone();
        const uint Key = 0xDEAD_BEEF;
        WebSocketMask.Apply(whole, Key, 0);
        var offset = 0;
        foreach (var size in new[] { 1, 2, 3, 5, 37, 64, 100, 788 })
        {
            WebSocketMask.Apply(pieces.AsSpan(offset, size), Key, offset);
            offset += size;
        }

        Assert.That(pieces, Is.EqualTo(whole));
    }

    [Test]
    public void Mask_keys_vary_and_are_reproducible_from_a_seed()
    {
        var a = new MaskKeyGenerator(42);
        var b = new MaskKeyGenerator(42);
        var seen = new HashSet<uint>();
        for (var i = 0; i < 1000; i++)
        {
            var key = a.Next();
            Assert.That(b.Next(), Is.EqualTo(key));
            seen.Add(key);
        }

        Assert.That(seen, Has.Count.GreaterThan(990));
    }
}
