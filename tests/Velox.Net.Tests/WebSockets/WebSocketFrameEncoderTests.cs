using Velox.Net.WebSockets;

namespace Velox.Net.Tests.WebSockets;

public sealed class WebSocketFrameEncoderTests
{
    private static readonly uint RfcMaskKey = BitConverter.ToUInt32([0x37, 0xfa, 0x21, 0x3d]);

    [Test]
    public void Encodes_rfc_unmasked_hello()
    {
        var frame = new byte[16];
        var written = WebSocketFrameEncoder.WriteFrame(frame, WebSocketOpcode.Text, true, "Hello"u8, false, 0);
        Assert.That(frame.AsSpan(0, written).ToArray(), Is.EqualTo(new byte[] { 0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f }));
    }

    [Test]
    public void Encodes_rfc_masked_hello()
    {
        var frame = new byte[16];
        var written = WebSocketFrameEncoder.WriteFrame(frame, WebSocketOpcode.Text, true, "Hello"u8, true, RfcMaskKey);
        Assert.That(frame.AsSpan(0, written).ToArray(), Is.EqualTo(new byte[] { 0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58 }));
    }

    [Test]
    public void Encodes_rfc_fragments_and_ping()
    {
        var frame = new byte[16];
        var written = WebSocketFrameEncoder.WriteFrame(frame, WebSocketOpcode.Text, false, "Hel"u8, false, 0);
        Assert.That(frame.AsSpan(0, written).ToArray(), Is.EqualTo(new byte[] { 0x01, 0x03, 0x48, 0x65, 0x6c }));
        written = WebSocketFrameEncoder.WriteFrame(frame, WebSocketOpcode.Continuation, true, "lo"u8, false, 0);
        Assert.That(frame.AsSpan(0, written).ToArray(), Is.EqualTo(new byte[] { 0x80, 0x02, 0x6c, 0x6f }));
        written = WebSocketFrameEncoder.WriteFrame(frame, WebSocketOpcode.Ping, true, "Hello"u8, false, 0);
        Assert.That(frame.AsSpan(0, written).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f }));
    }

    [Test]
    public void Encodes_256_and_64KiB_lengths()
    {
        var header = new byte[14];
        Assert.That(WebSocketFrameEncoder.WriteHeader(header, WebSocketOpcode.Binary, true, 256, false, 0), Is.EqualTo(4));
        Assert.That(header.AsSpan(0, 4).ToArray(), Is.EqualTo(new byte[] { 0x82, 0x7E, 0x01, 0x00 }));
        Assert.That(WebSocketFrameEncoder.WriteHeader(header, WebSocketOpcode.Binary, true, 65536, false, 0), Is.EqualTo(10));
        Assert.That(header.AsSpan(0, 10).ToArray(), Is.EqualTo(new byte[] { 0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0 }));
        Assert.That(WebSocketFrameEncoder.WriteHeader(header, WebSocketOpcode.Binary, true, 65535, true, 7), Is.EqualTo(8));
        Assert.That(header.AsSpan(0, 4).ToArray(), Is.EqualTo(new byte[] { 0x82, 0xFE, 0xFF, 0xFF }));
    }

    [Test]
    public void Refuses_a_destination_that_is_too_small()
    {
        var frame = new byte[10];
        Assert.That(WebSocketFrameEncoder.WriteFrame(frame, WebSocketOpcode.Text, true, "Hello"u8, true, 1), Is.Zero);
        Assert.That(WebSocketFrameEncoder.WriteHeader(frame.AsSpan(0, 3), WebSocketOpcode.Binary, true, 200, false, 0), Is.Zero);
    }

    [Test]
    public void Round_trips_masked_frames_of_many_lengths()
    {
        var random = new Random(7);
        foreach (var length in new[] { 0, 1, 3, 7, 8, 15, 16, 31, 32, 33, 100, 125, 126, 4096, 65535, 65536, 100_003 })
        {
            var payload = new byte[length];
            random.NextBytes(payload);
            var frame = new byte[length + 14];
            var key = (uint)random.Next();
            var written = WebSocketFrameEncoder.WriteFrame(frame, WebSocketOpcode.Binary, true, payload, true, key);
            Assert.That(WebSocketFrameDecoder.TryDecodeFrame(frame.AsSpan(0, written), out var header, out var decoded), Is.EqualTo(FrameDecodeStatus.Complete));
            Assert.That(header.MaskKey, Is.EqualTo(key));
            Assert.That(decoded.SequenceEqual(payload), Is.True, $"length {length}");
        }
    }
}
