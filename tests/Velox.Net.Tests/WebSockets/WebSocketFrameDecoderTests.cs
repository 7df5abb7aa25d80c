using Velox.Net.WebSockets;

namespace Velox.Net.Tests.WebSockets;

public sealed class WebSocketFrameDecoderTests
{
    // RFC 6455 section 5.7.
    private static readonly byte[] UnmaskedHello = [0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f];
    private static readonly byte[] MaskedHello = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];
    private static readonly byte[] FirstFragment = [0x01, 0x03, 0x48, 0x65, 0x6c];
    private static readonly byte[] LastFragment = [0x80, 0x02, 0x6c, 0x6f];
    private static readonly byte[] UnmaskedPing = [0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f];
    private static readonly byte[] MaskedPong = [0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];

    [Test]
    public void Decodes_unmasked_hello()
    {
        var frame = (byte[])UnmaskedHello.Clone();
        Assert.That(WebSocketFrameDecoder.TryDecodeFrame(frame, out var header, out var payload), Is.EqualTo(FrameDecodeStatus.Complete));
        Assert.That(header.Fin, Is.True);
        Assert.That(header.Opcode, Is.EqualTo(WebSocketOpcode.Text));
        Assert.That(header.Masked, Is.False);
        Assert.That(header.HeaderLength, Is.EqualTo(2));
        Assert.That(payload.ToArray(), Is.EqualTo("Hello"u8.ToArray()));
    }

    [Test]
    public void Decodes_and_unmasks_masked_hello()
    {
        var frame = (byte[])MaskedHello.Clone();
        Assert.That(WebSocketFrameDecoder.TryDecodeFrame(frame, out var header, out var payload), Is.EqualTo(FrameDecodeStatus.Complete));
        Assert.That(header.Masked, Is.True);
        Assert.That(header.HeaderLength, Is.EqualTo(6));
        Assert.That(BitConverter.GetBytes(header.MaskKey), Is.EqualTo(new byte[] { 0x37, 0xfa, 0x21, 0x3d }));
        Assert.That(payload.ToArray(), Is.EqualTo("Hello"u8.ToArray()));
    }

    [Test]
    public void Decodes_fragmented_hello()
    {
        var first = (byte[])FirstFragment.Clone();
        var last = (byte[])LastFragment.Clone();
        Assert.That(WebSocketFrameDecoder.TryDecodeFrame(first, out var h1, out var p1), Is.EqualTo(FrameDecodeStatus.Complete));
        Assert.That((h1.Fin, h1.Opcode), Is.EqualTo((false, WebSocketOpcode.Text)));
        Assert.That(p1.ToArray(), Is.EqualTo("Hel"u8.ToArray()));
        Assert.That(WebSocketFrameDecoder.TryDecodeFrame(last, out var h2, out var p2), Is.EqualTo(FrameDecodeStatus.Complete));
        Assert.That((h2.Fin, h2.Opcode), Is.EqualTo((true, WebSocketOpcode.Continuation)));
        Assert.That(p2.ToArray(), Is.EqualTo("lo"u8.ToArray()));
    }

    [Test]
    public void Decodes_ping_and_masked_pong()
    {
        Assert.That(WebSocketFrameDecoder.TryDecodeFrame((byte[])UnmaskedPing.Clone(), out var ping, out var pingPayload), Is.EqualTo(FrameDecodeStatus.Complete));
        Assert.That(ping.Opcode, Is.EqualTo(WebSocketOpcode.Ping));
        Assert.That(pingPayload.ToArray(), Is.EqualTo("Hello"u8.ToArray()));
        Assert.That(WebSocketFrameDecoder.TryDecodeFrame((byte[])MaskedPong.Clone(), out var pong, out var pongPayload), Is.EqualTo(FrameDecodeStatus.Complete));
        Assert.That(pong.Opcode, Is.EqualTo(WebSocketOpcode.Pong));
        Assert.That(pongPayload.ToArray(), Is.EqualTo("Hello"u8.ToArray()));
    }

    [Test]
    public void Decodes_256_byte_length_as_16_bit()
    {
        var frame = new byte[4 + 256];
        frame[0] = 0x82;
        frame[1] = 0x7E;
        frame[2] = 0x01;
        frame[3] = 0x00;
        Assert.That(WebSocketFrameDecoder.TryDecodeFrame(frame, out var header, out var payload), Is.EqualTo(FrameDecodeStatus.Complete));
        Assert.That(header.PayloadLength, Is.EqualTo(256));
        Assert.That(header.HeaderLength, Is.EqualTo(4));
        Assert.That(payload.Length, Is.EqualTo(256));
    }

    [Test]
    public void Decodes_64KiB_length_as_64_bit()
    {
        var frame = new byte[10 + 65536];
        frame[0] = 0x82;
        frame[1] = 0x7F;
        frame[7] = 0x01;
        Assert.That(WebSocketFrameDecoder.TryDecodeFrame(frame, out var header, out var payload), Is.EqualTo(FrameDecodeStatus.Complete));
        Assert.That(header.PayloadLength, Is.EqualTo(65536));
        Assert.That(header.HeaderLength, Is.EqualTo(10));
        Assert.That(payload.Length, Is.EqualTo(65536));
    }

    [Test]
    public void Every_prefix_of_a_frame_needs_more_data()
    {
        byte[][] frames = [MaskedHello, UnmaskedHello, Encode(300, masked: true), Encode(70_000, masked: true)];
        foreach (var frame in frames)
        {
            for (var length = 0; length < frame.Length; length++)
            {
                var prefix = frame.AsSpan(0, length).ToArray();
                Assert.That(WebSocketFrameDecoder.TryDecodeFrame(prefix, out _, out _), Is.EqualTo(FrameDecodeStatus.NeedMoreData), $"prefix {length} of {frame.Length}");
            }

            Assert.That(WebSocketFrameDecoder.TryDecodeFrame((byte[])frame.Clone(), out var header, out _), Is.EqualTo(FrameDecodeStatus.Complete));
            Assert.That(header.FrameLength, Is.EqualTo(frame.Length));
        }
    }

    [TestCase(new byte[] { 0xC1, 0x00 }, FrameDecodeStatus.ReservedBitsSet)]
    [TestCase(new byte[] { 0xA1 }, FrameDecodeStatus.ReservedBitsSet)]
    [TestCase(new byte[] { 0x91, 0x00 }, FrameDecodeStatus.ReservedBitsSet)]
    [TestCase(new byte[] { 0x83, 0x00 }, FrameDecodeStatus.UnknownOpcode)]
    [TestCase(new byte[] { 0x87 }, FrameDecodeStatus.UnknownOpcode)]
    [TestCase(new byte[] { 0x8B, 0x00 }, FrameDecodeStatus.UnknownOpcode)]
    [TestCase(new byte[] { 0x8F, 0x00 }, FrameDecodeStatus.UnknownOpcode)]
    [TestCase(new byte[] { 0x09, 0x00 }, FrameDecodeStatus.FragmentedControlFrame)]
    [TestCase(new byte[] { 0x08, 0x00 }, FrameDecodeStatus.FragmentedControlFrame)]
    [TestCase(new byte[] { 0x89, 0x7E, 0x00, 0x7E }, FrameDecodeStatus.ControlFrameTooLong)]
    [TestCase(new byte[] { 0x8A, 0x7F }, FrameDecodeStatus.ControlFrameTooLong)]
    [TestCase(new byte[] { 0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0 }, FrameDecodeStatus.InvalidLength)]
    public void Violations_are_statuses_mapping_to_1002(byte[] bytes, FrameDecodeStatus expected)
    {
        var status = WebSocketFrameDecoder.TryDecodeHeader(bytes, out _);
        Assert.That(status, Is.EqualTo(expected));
        Assert.That(WebSocketFrameDecoder.ToCloseStatus(status), Is.EqualTo(WebSocketCloseCode.ProtocolError));
    }

    private static byte[] Encode(int length, bool masked)
    {
        var payload = new byte[length];
        new Random(1).NextBytes(payload);
        var frame = new byte[length + 14];
        var written = WebSocketFrameEncoder.WriteFrame(frame, WebSocketOpcode.Binary, true, payload, masked, 0x1234_5678);
        return frame.AsSpan(0, written).ToArray();
    }
}
