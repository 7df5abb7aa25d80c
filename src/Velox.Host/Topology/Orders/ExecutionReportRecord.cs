using System.Buffers.Binary;
using Velox.Core.Numerics;
using Velox.Trading.Oms;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// An <see cref="ExecutionReport"/> on the og → engine stream, as a fixed 64-byte little-endian record: kind u8 @0
/// (<see cref="OgMessageKind.ExecutionReport"/>), exec type u8 @1, liquidity u8 @2, reject reason code u16 @4,
/// client order id i64 @8 (the engine's), venue order id i64 @16, fill id i64 @24, price raw i64 @32, quantity raw
/// i64 @40, fee i64 @48 (quote currency at <see cref="ExecutionReport.FeeScale"/>, negative: rebate), og's
/// monotonic publish time ns i64 @56. Encoding and decoding allocate nothing.
/// </summary>
public static class ExecutionReportRecord
{
    public const int KindOffset = 0;
    public const int TypeOffset = 1;
    public const int LiquidityOffset = 2;
    public const int RejectCodeOffset = 4;
    public const int ClientOrderIdOffset = 8;
    public const int VenueOrderIdOffset = 16;
    public const int FillIdOffset = 24;
    public const int PriceOffset = 32;
    public const int QuantityOffset = 40;
    public const int FeeOffset = 48;
    public const int PublishNanosOffset = 56;

    /// <summary>Record length.</summary>
    public const int Length = 64;

    /// <summary>Encodes <paramref name="report"/> into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, in ExecutionReport report, long publishNanos)
    {
        var r = destination[..Length];
        r[KindOffset] = (byte)OgMessageKind.ExecutionReport;
        r[TypeOffset] = (byte)report.Type;
        r[LiquidityOffset] = (byte)report.Liquidity;
        r[3] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(r[RejectCodeOffset..], report.RejectCode);
        BinaryPrimitives.WriteUInt16LittleEndian(r[6..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(r[ClientOrderIdOffset..], report.ClientOrderId);
        BinaryPrimitives.WriteInt64LittleEndian(r[VenueOrderIdOffset..], report.VenueOrderId);
        BinaryPrimitives.WriteInt64LittleEndian(r[FillIdOffset..], report.FillId);
        BinaryPrimitives.WriteInt64LittleEndian(r[PriceOffset..], report.Price.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(r[QuantityOffset..], report.Quantity.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(r[FeeOffset..], report.Fee);
        BinaryPrimitives.WriteInt64LittleEndian(r[PublishNanosOffset..], publishNanos);
    }

    /// <summary>Decodes a record; false when it is short, of another kind, or its exec type or liquidity is unknown.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out ExecutionReport report, out long publishNanos)
    {
        report = default;
        publishNanos = 0;
        if (message.Length < Length || message[KindOffset] != (byte)OgMessageKind.ExecutionReport)
        {
            return false;
        }

        var r = message[..Length];
        var type = (ExecType)r[TypeOffset];
        var liquidity = (Liquidity)r[LiquidityOffset];
        if (type > ExecType.Expire || liquidity > Liquidity.Taker)
        {
            return false;
        }

        report = new ExecutionReport(
            type,
            BinaryPrimitives.ReadInt64LittleEndian(r[ClientOrderIdOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(r[VenueOrderIdOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(r[FillIdOffset..]),
            new Price(BinaryPrimitives.ReadInt64LittleEndian(r[PriceOffset..])),
            new Quantity(BinaryPrimitives.ReadInt64LittleEndian(r[QuantityOffset..])),
            BinaryPrimitives.ReadInt64LittleEndian(r[FeeOffset..]),
            liquidity,
            BinaryPrimitives.ReadUInt16LittleEndian(r[RejectCodeOffset..]));
        publishNanos = BinaryPrimitives.ReadInt64LittleEndian(r[PublishNanosOffset..]);
        return true;
    }
}
