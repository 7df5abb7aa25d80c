using System.Buffers.Binary;

namespace Velox.MarketData.Streams;

/// <summary>
/// Layout of one message on the raw inbound frames stream: what the market-data gateway received from a
/// venue, byte for byte, so a recording replays through the same parsers and books. Little-endian:
/// receive time (monotonic ns) i64 @0, connection id i32 @8, venue id i16 @12, flags u16 @14, then the
/// frame bytes from @16 to the end of the message. A message with <see cref="RestResponseFlag"/> carries a REST
/// response instead of a WebSocket frame (see there); readers that replay WebSocket frames skip it.
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

    /// <summary>
    /// Flag: the message is a REST response the connector handed to its session (a Binance depth snapshot), not a
    /// WebSocket frame. Its bytes are the request's path and query (ASCII, relative to the venue's REST base), one
    /// <c>\n</c>, then the response body (<see cref="TrySplitRestResponse"/>). It sits in the stream where the session
    /// applied it, so a replay applies it at the same point. Never with <see cref="BinaryFlag"/>; with
    /// <see cref="ConnectionStartFlag"/> when it is the first record of its connection. Readers that feed every message
    /// to a WebSocket parser must check this bit first.
    /// </summary>
    public const ushort RestResponseFlag = 4;

    /// <summary>Separates the request from the body in a <see cref="RestResponseFlag"/> message.</summary>
    public const byte RestRequestTerminator = (byte)'\n';

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

    /// <summary>True when the message carries a REST response (<see cref="RestResponseFlag"/>).</summary>
    public static bool IsRestResponse(ReadOnlySpan<byte> message) => (Flags(message) & RestResponseFlag) != 0;

    /// <summary>
    /// Splits the frame of a <see cref="RestResponseFlag"/> message into the request (path and query) and the
    /// response body; false when the frame has no request terminator.
    /// </summary>
    public static bool TrySplitRestResponse(ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> request, out ReadOnlySpan<byte> body)
    {
        var end = frame.IndexOf(RestRequestTerminator);
        if (end < 0)
        {
            request = default;
            body = default;
            return false;
        }

        request = frame[..end];
        body = frame[(end + 1)..];
        return true;
    }

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
