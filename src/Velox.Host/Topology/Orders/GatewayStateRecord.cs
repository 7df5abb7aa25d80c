using System.Buffers.Binary;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// og's order-entry state on the og → engine stream (16 bytes little-endian): kind u8 @0
/// (<see cref="OgMessageKind.GatewayState"/>), ready u8 @1 (1: orders can be sent now), gateway state u8 @2 (the
/// venue gateway's state, for reports), og's monotonic publish time ns i64 @8. og sends it on every change and
/// once a second.
/// </summary>
public readonly record struct GatewayStateRecord(bool Ready, byte State, long PublishNanos)
{
    public const int Length = 16;

    public void Write(Span<byte> destination)
    {
        var r = destination[..Length];
        r.Clear();
        r[0] = (byte)OgMessageKind.GatewayState;
        r[1] = Ready ? (byte)1 : (byte)0;
        r[2] = State;
        BinaryPrimitives.WriteInt64LittleEndian(r[8..], PublishNanos);
    }

    /// <summary>Decodes a record; false when it is short or of another kind.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out GatewayStateRecord record)
    {
        record = default;
        if (message.Length < Length || message[0] != (byte)OgMessageKind.GatewayState || message[1] > 1)
        {
            return false;
        }

        record = new GatewayStateRecord(message[1] == 1, message[2], BinaryPrimitives.ReadInt64LittleEndian(message[8..]));
        return true;
    }
}
