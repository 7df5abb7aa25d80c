using System.Text;
using Velox.MarketData.Capture;

namespace Velox.Venues.Htx.Tests.Compression;

public sealed class PythonBytesLiteralTests
{
    [TestCase("b'\\x1f\\x8b\\x08'", new byte[] { 0x1F, 0x8B, 0x08 })]
    [TestCase("b'a\\\\b\\'c\\n\\r\\t'", new byte[] { (byte)'a', (byte)'\\', (byte)'b', (byte)'\'', (byte)'c', 10, 13, 9 })]
    [TestCase("b\"it's\"", new byte[] { (byte)'i', (byte)'t', (byte)'\'', (byte)'s' })]
    [TestCase("b''", new byte[0])]
    public void Decodes(string literal, byte[] expected)
    {
        var buffer = new byte[64];
        Assert.That(PythonBytesLiteral.TryDecode(Encoding.ASCII.GetBytes(literal), buffer, out var written), Is.True);
        Assert.That(buffer.AsSpan(0, written).ToArray(), Is.EqualTo(expected));
    }

    [TestCase("'\\x1f'")]
    [TestCase("b'\\x1'")]
    [TestCase("b'\\xzz'")]
    [TestCase("b'\\q'")]
    [TestCase("b'abc\"")]
    [TestCase("{\"a\":1}")]
    public void Rejects(string literal) =>
        Assert.That(PythonBytesLiteral.TryDecode(Encoding.ASCII.GetBytes(literal), new byte[64], out _), Is.False);

    [Test]
    public void TextRecordsPassThroughUnchanged()
    {
        var record = new CaptureRecord(0, CaptureDirection.Inbound, 0, "{\"type\":\"ticker\"}"u8.ToArray());
        var buffer = Array.Empty<byte>();
        Assert.That(CaptureBinaryFrames.TryGetFrame(in record, ref buffer, out var frame), Is.True);
        Assert.That(Encoding.ASCII.GetString(frame), Is.EqualTo("{\"type\":\"ticker\"}"));
        Assert.That(buffer, Is.Empty);
    }
}
