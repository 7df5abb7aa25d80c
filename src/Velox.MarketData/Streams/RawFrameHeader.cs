using System.Buffers.Binary;

namespace Velox.MarketData.Streams;

/// <summary>
/// Layout of one message on the raw inbound frames stream: what the market-data gateway received from a
/// venue, byte for byte, so a recording replays through the same parsers and books. Little-endian:
/// receive time (monotonic ns) i64 @0, connection id i32 @8, venue id i16 @12, flags u16 @14, then the
/// frame bytes from @16 to the end of the message.
/// </summary>
public static class RawFrameHeader
{
    public const int ReceiveNanosOffset = 0;
    public const int ConnectionIdOffset = 8;
    public const int VenueIdOffset = 12;
    public const int FlagsOffset = 14;

    /// <summary>Header length; the frame starts here.</summary>
    public const int Length = 16;

    /// <summary>Flag: the frame was a binary WebSocket message (HTX gzip), not text.</summary>
    public const ushort BinaryFlag = 1;

    /// <summary>Flag: first frame of a new connection (the parser resets per-connection state).</summary>
    public const ushort ConnectionStartFlag = 2;

    /// <summary>Writes the header; the caller copies the frame to destination[<see cref="Length"/>..].</summary>
    public static void Write(Span<byte> destination, long receiveNanos, int connectionId, short venueId, ushort flags)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination[ReceiveNanosOffset..], receiveNanos);
        BinaryPrimitives.WriteInt32LittleEndian(destination[ConnectionIdOffset..], connectionId);
        BinaryPrimitives.WriteInt16LittleEndian(destination[VenueIdOffset..], venueId);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[FlagsOffset..], flags);
    }

    public static long ReceiveNanos(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadInt64LittleEndian(message[ReceiveNanosOffset..]);

    public static int ConnectionId(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadInt32LittleEndian(message[ConnectionIdOffset..]);

    public static short VenueId(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadInt16LittleEndian(message[VenueIdOffset..]);

    public static ushort Flags(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadUInt16LittleEndian(message[FlagsOffset..]);

    /// <summary>The venue frame carried by a message, or false when the message is shorter than the header.</summary>
    public static bool TryGetFrame(ReadOnlySpan<byte> message, out ReadOnlySpan<byte> frame)
    {
        if (message.Length < Length)
        {
            frame = default;
            return false;
        }

        frame = message[Length..];
        return true;
    }
}
