using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Velox.Net.WebSockets;

/// <summary>
/// Writes RFC 6455 frames into a caller buffer. Clients mask (<c>masked: true</c> with a fresh key per
/// frame); servers do not. Returns byte counts, never allocates.
/// </summary>
public static class WebSocketFrameEncoder
{
    private const byte FinBit = 0x80;
    private const byte MaskBit = 0x80;

    /// <summary>Header bytes needed for a payload of this length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GetHeaderLength(long payloadLength, bool masked) =>
        (payloadLength <= 125 ? 2 : payloadLength <= ushort.MaxValue ? 4 : 10) + (masked ? 4 : 0);

    /// <summary>
    /// Writes a header only (the payload follows separately, masked by the caller with the same key).
    /// Returns the header length, or 0 when <paramref name="destination"/> is too small.
    /// </summary>
    public static int WriteHeader(Span<byte> destination, byte opcode, bool fin, long payloadLength, bool masked, uint maskKey)
    {
        var headerLength = GetHeaderLength(payloadLength, masked);
        if (destination.Length < headerLength)
        {
            return 0;
        }

        destination[0] = (byte)((fin ? FinBit : 0) | opcode);
        var maskBit = masked ? MaskBit : (byte)0;
        int offset;
        if (payloadLength <= 125)
        {
            destination[1] = (byte)(maskBit | (byte)payloadLength);
            offset = 2;
        }
        else if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = (byte)(maskBit | 126);
            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2), (ushort)payloadLength);
            offset = 4;
        }
        else
        {
            destination[1] = (byte)(maskBit | 127);
            BinaryPrimitives.WriteInt64BigEndian(destination.Slice(2), payloadLength);
            offset = 10;
        }

        if (masked)
        {
            Unsafe.WriteUnaligned(ref destination[offset], maskKey);
        }

        return headerLength;
    }

    /// <summary>
    /// Writes a whole frame: header, then the payload (masked when <paramref name="masked"/>).
    /// Returns the frame length, or 0 when <paramref name="destination"/> is too small.
    /// </summary>
    public static int WriteFrame(Span<byte> destination, byte opcode, bool fin, ReadOnlySpan<byte> payload, bool masked, uint maskKey)
    {
        var headerLength = GetHeaderLength(payload.Length, masked);
        if (destination.Length < headerLength + payload.Length)
        {
            return 0;
        }

        WriteHeader(destination, opcode, fin, payload.Length, masked, maskKey);
        var body = destination.Slice(headerLength, payload.Length);
        payload.CopyTo(body);
        if (masked)
        {
            WebSocketMask.Apply(body, maskKey, 0);
        }

        return headerLength + payload.Length;
    }
}
