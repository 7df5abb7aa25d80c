using Velox.Venues.Mexc.Protobuf;

namespace Velox.Venues.Mexc.Tests.Protobuf;

public sealed class ProtoReaderTests
{
    [Test]
    public void ReadsEveryWireTypeAndSkipsUnknownFields()
    {
        var bytes = new ProtoWriter()
            .Varint(1, 300)
            .Varint(2, ulong.MaxValue)
            .Varint(3, 3)
            .Fixed32(4, 0xDEADBEEF)
            .Fixed64(5, 0x0102030405060708)
            .String(313, "abc")
            .Varint(99, 7)
            .ToArray();
        var reader = new ProtoReader(bytes);

        Assert.That(reader.TryReadTag(out var field, out var wire) && field == 1 && wire == WireType.Varint);
        Assert.That(reader.TryReadVarint(out var v) && v == 300);
        Assert.That(reader.TryReadTag(out field, out _) && field == 2);
        Assert.That(reader.TryReadInt64(out var minusOne) && minusOne == -1);
        Assert.That(reader.TryReadTag(out field, out _) && field == 3);
        Assert.That(reader.TryReadSInt64(out var zigzag) && zigzag == -2);
        Assert.That(reader.TryReadTag(out field, out wire) && field == 4 && wire == WireType.Fixed32);
        Assert.That(reader.TryReadFixed32(out var f32) && f32 == 0xDEADBEEF);
        Assert.That(reader.TryReadTag(out field, out wire) && field == 5 && wire == WireType.Fixed64);
        Assert.That(reader.TryReadFixed64(out var f64) && f64 == 0x0102030405060708);
        Assert.That(reader.TryReadTag(out field, out wire) && field == 313 && wire == WireType.LengthDelimited);
        Assert.That(reader.TryReadLengthDelimited(out var text) && text.SequenceEqual("abc"u8));
        Assert.That(reader.TryReadTag(out field, out wire) && field == 99);
        Assert.That(reader.TrySkip(wire));
        Assert.That(reader.TryReadTag(out _, out _), Is.False);
        Assert.That(reader.AtEnd);
    }

    [TestCase(0UL, 0L)]
    [TestCase(1UL, -1L)]
    [TestCase(2UL, 1L)]
    [TestCase(4294967294UL, 2147483647L)]
    [TestCase(ulong.MaxValue, long.MinValue)]
    public void DecodesZigZag(ulong raw, long expected) => Assert.That(ProtoReader.DecodeZigZag(raw), Is.EqualTo(expected));

    [Test]
    public void TruncatedAndMalformedInputReturnsFalse()
    {
        Assert.That(new ProtoReader([0x80]).TryReadVarint(out _), Is.False);
        Assert.That(new ProtoReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]).TryReadVarint(out _), Is.False);
        Assert.That(new ProtoReader([1, 2, 3]).TryReadFixed32(out _), Is.False);
        Assert.That(new ProtoReader([1, 2, 3, 4, 5, 6, 7]).TryReadFixed64(out _), Is.False);
        Assert.That(new ProtoReader([5, 1, 2]).TryReadLengthDelimited(out _), Is.False);
        Assert.That(new ProtoReader([0xFF, 0xFF, 0xFF, 0xFF, 0x0F]).TryReadLengthDelimited(out _), Is.False);
        Assert.That(new ProtoReader([0x00]).TryReadTag(out _, out _), Is.False);
        var group = new ProtoReader([0x0B]);
        Assert.That(group.TryReadTag(out _, out var wire) && !group.TrySkip(wire));
    }
}
