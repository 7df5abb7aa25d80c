using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Velox.Net.WebSockets;

/// <summary>
/// Decodes RFC 6455 frame headers from bytes in place. Never throws and never allocates: an incomplete
/// header is <see cref="FrameDecodeStatus.NeedMoreData"/>, a malformed one a protocol-error status.
/// No extension is ever negotiated, so any RSV bit is an error.
/// </summary>
public static class WebSocketFrameDecoder
{
    /// <summary>Largest possible header: 2 + 8 (64-bit length) + 4 (mask key).</summary>
    public const int MaxHeaderLength = 14;

    /// <summary>Largest payload of a control frame (section 5.5).</summary>
    public const int MaxControlPayloadLength = 125;

    private const byte FinBit = 0x80;
    private const byte ReservedBits = 0x70;
    private const byte OpcodeBits = 0x0F;
    private const byte MaskBit = 0x80;
    private const byte LengthBits = 0x7F;
    private const byte Length16 = 126;
    private const byte Length64 = 127;

    /// <summary>
    /// Decodes the header at the start of <paramref name="buffer"/>. The first byte alone is enough to
    /// reject reserved bits and unknown opcodes, so violations surface before the rest arrives.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FrameDecodeStatus TryDecodeHeader(ReadOnlySpan<byte> buffer, out WebSocketFrameHeader header)
    {
        header = default;
        if (buffer.Length < 2)
        {
            return buffer.Length == 0 ? FrameDecodeStatus.NeedMoreData : CheckFirstByte(buffer[0]);
        }

        var b0 = buffer[0];
        var first = CheckFirstByte(b0);
        if (first != FrameDecodeStatus.NeedMoreData)
        {
            return first;
        }

        var b1 = buffer[1];
        var opcode = (byte)(b0 & OpcodeBits);
        var fin = (b0 & FinBit) != 0;
        var masked = (b1 & MaskBit) != 0;
        long length = b1 & LengthBits;
        var offset = 2;
        if (WebSocketOpcode.IsControl(opcode))
        {
            if (!fin)
            {
                return FrameDecodeStatus.FragmentedControlFrame;
            }

            if (length > MaxControlPayloadLength)
            {
                return FrameDecodeStatus.ControlFrameTooLong;
            }
        }
        else if (length == Length16)
        {
            if (buffer.Length < 4)
            {
                return FrameDecodeStatus.NeedMoreData;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(buffer.Slice(2));
            offset = 4;
        }
        else if (length == Length64)
        {
            if (buffer.Length < 10)
            {
                return FrameDecodeStatus.NeedMoreData;
            }

            length = BinaryPrimitives.ReadInt64BigEndian(buffer.Slice(2));
            if (length < 0)
            {
                return FrameDecodeStatus.InvalidLength;
            }

            offset = 10;
        }

        uint maskKey = 0;
        if (masked)
        {
            if (buffer.Length < offset + 4)
            {
                return FrameDecodeStatus.NeedMoreData;
            }

            maskKey = Unsafe.ReadUnaligned<uint>(ref Unsafe.AsRef(in buffer[offset]));
            offset += 4;
        }

        header = new WebSocketFrameHeader(fin, opcode, masked, maskKey, length, offset);
        return FrameDecodeStatus.Complete;
    }

    /// <summary>
    /// Decodes a whole frame at the start of <paramref name="buffer"/> and unmasks its payload in place.
    /// <see cref="FrameDecodeStatus.NeedMoreData"/> until header and payload are all present.
    /// </summary>
    public static FrameDecodeStatus TryDecodeFrame(Span<byte> buffer, out WebSocketFrameHeader header, out Span<byte> payload)
    {
        payload = default;
        var status = TryDecodeHeader(buffer, out header);
        if (status != FrameDecodeStatus.Complete)
        {
            return status;
        }

        if (header.FrameLength > buffer.Length)
        {
            return FrameDecodeStatus.NeedMoreData;
        }

        payload = buffer.Slice(header.HeaderLength, (int)header.PayloadLength);
        if (header.Masked)
        {
            WebSocketMask.Apply(payload, header.MaskKey, 0);
        }

        return FrameDecodeStatus.Complete;
    }

    /// <summary>Maps a decode failure to the close code to send: every header violation is a protocol error.</summary>
    public static int ToCloseStatus(FrameDecodeStatus status) =>
        status <= FrameDecodeStatus.NeedMoreData ? 0 : WebSocketCloseCode.ProtocolError;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FrameDecodeStatus CheckFirstByte(byte b0)
    {
        if ((b0 & ReservedBits) != 0)
        {
            return FrameDecodeStatus.ReservedBitsSet;
        }

        return WebSocketOpcode.IsDefined((byte)(b0 & OpcodeBits)) ? FrameDecodeStatus.NeedMoreData : FrameDecodeStatus.UnknownOpcode;
    }
}
