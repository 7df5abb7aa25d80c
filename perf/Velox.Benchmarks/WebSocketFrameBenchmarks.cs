using BenchmarkDotNet.Attributes;
using Velox.Net.WebSockets;

namespace Velox.Benchmarks;

/// <summary>
/// The per-frame cost of the WebSocket layer: decode + in-place unmask of client frames (what our server
/// does per inbound frame; an exchange's unmasked frames cost the decode alone) and encoding a masked
/// client frame. Unmasking in place toggles the payload each call, which is the same work every time.
/// </summary>
[MemoryDiagnoser]
public class WebSocketFrameBenchmarks
{
    private readonly byte[] _small = MaskedFrame(100);
    private readonly byte[] _large = MaskedFrame(4096);
    private readonly byte[] _payload = Payload(100);
    private readonly byte[] _output = new byte[256];
    private MaskKeyGenerator _masks = new(12345);

    [Benchmark]
    public int DecodeUnmask100() => Decode(_small);

    [Benchmark]
    public int DecodeUnmask4K() => Decode(_large);

    [Benchmark]
    public int EncodeMasked100() =>
        WebSocketFrameEncoder.WriteFrame(_output, WebSocketOpcode.Text, true, _payload, true, _masks.Next());

    private static int Decode(byte[] frame)
    {
        WebSocketFrameDecoder.TryDecodeFrame(frame, out var header, out var payload);
        return header.HeaderLength + payload.Length;
    }

    private static byte[] Payload(int length)
    {
        var payload = new byte[length];
        for (var i = 0; i < length; i++)
        {
            payload[i] = (byte)('a' + (i % 26));
        }

        return payload;
    }

    private static byte[] MaskedFrame(int length)
    {
        var frame = new byte[length + 14];
        var written = WebSocketFrameEncoder.WriteFrame(frame, WebSocketOpcode.Text, true, Payload(length), true, 0x3D21_FA37);
        return frame.AsSpan(0, written).ToArray();
    }
}
