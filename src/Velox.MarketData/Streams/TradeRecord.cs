using System.Buffers.Binary;
using Velox.MarketData.Events;

namespace Velox.MarketData.Streams;

/// <summary>
/// A <see cref="TradeEvent"/> on the market-data event stream, 48 bytes little-endian: header @0 (type, instrument),
/// from-snapshot u8 @4, trade id i64 @8, venue time ms i64 @16, price raw i64 @24, signed amount raw i64 @32,
/// receive ns i64 @40.
/// </summary>
public static class TradeRecord
{
    public const int FromSnapshotOffset = 4;
    public const int TradeIdOffset = 8;
    public const int TimestampMsOffset = 16;
    public const int PriceOffset = 24;
    public const int AmountOffset = 32;
    public const int ReceiveNanosOffset = 40;

    /// <summary>Record length.</summary>
    public const int Length = 48;

    /// <summary>Encodes <paramref name="trade"/> into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, in TradeEvent trade)
    {
        var record = destination[..Length];
        MarketDataHeader.Write(record, MarketDataMessageType.Trade, trade.Instrument);
        record[FromSnapshotOffset] = trade.FromSnapshot ? (byte)1 : (byte)0;
        record[5..TradeIdOffset].Clear();
        BinaryPrimitives.WriteInt64LittleEndian(record[TradeIdOffset..], trade.TradeId);
        BinaryPrimitives.WriteInt64LittleEndian(record[TimestampMsOffset..], trade.TimestampMs);
        BinaryPrimitives.WriteInt64LittleEndian(record[PriceOffset..], trade.Price);
        BinaryPrimitives.WriteInt64LittleEndian(record[AmountOffset..], trade.Amount);
        BinaryPrimitives.WriteInt64LittleEndian(record[ReceiveNanosOffset..], trade.ReceiveNanos);
    }

    /// <summary>Decodes a record of at least <see cref="Length"/> bytes.</summary>
    public static TradeEvent Read(ReadOnlySpan<byte> message)
    {
        var record = message[..Length];
        return new TradeEvent(
            MarketDataHeader.Instrument(record),
            BinaryPrimitives.ReadInt64LittleEndian(record[TradeIdOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[TimestampMsOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[PriceOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[AmountOffset..]),
            record[FromSnapshotOffset] != 0,
            BinaryPrimitives.ReadInt64LittleEndian(record[ReceiveNanosOffset..]));
    }
}
