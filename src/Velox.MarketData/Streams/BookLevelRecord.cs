using System.Buffers.Binary;
using Velox.Core;
using Velox.MarketData.Events;

namespace Velox.MarketData.Streams;

/// <summary>
/// A <see cref="BookUpdate"/> on the market-data event stream, 40 bytes little-endian: header @0 (type, instrument),
/// side u8 @4, flags u8 @5, count i32 @8, price raw i64 @16, size raw i64 @24, receive ns i64 @32.
/// </summary>
public static class BookLevelRecord
{
    public const int SideOffset = 4;
    public const int FlagsOffset = 5;
    public const int CountOffset = 8;
    public const int PriceOffset = 16;
    public const int SizeOffset = 24;
    public const int ReceiveNanosOffset = 32;

    /// <summary>Record length.</summary>
    public const int Length = 40;

    /// <summary>Encodes <paramref name="update"/> into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, in BookUpdate update)
    {
        var record = destination[..Length];
        MarketDataHeader.Write(record, MarketDataMessageType.BookLevel, update.Instrument);
        record[SideOffset] = (byte)update.Side;
        record[FlagsOffset] = (byte)update.Flags;
        BinaryPrimitives.WriteUInt16LittleEndian(record[6..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(record[CountOffset..], update.Count);
        BinaryPrimitives.WriteInt32LittleEndian(record[12..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(record[PriceOffset..], update.Price);
        BinaryPrimitives.WriteInt64LittleEndian(record[SizeOffset..], update.Size);
        BinaryPrimitives.WriteInt64LittleEndian(record[ReceiveNanosOffset..], update.ReceiveNanos);
    }

    /// <summary>Decodes a record of at least <see cref="Length"/> bytes.</summary>
    public static BookUpdate Read(ReadOnlySpan<byte> message)
    {
        var record = message[..Length];
        return new BookUpdate(
            MarketDataHeader.Instrument(record),
            (Side)record[SideOffset],
            BinaryPrimitives.ReadInt64LittleEndian(record[PriceOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[SizeOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[CountOffset..]),
            (BookUpdateFlags)record[FlagsOffset],
            BinaryPrimitives.ReadInt64LittleEndian(record[ReceiveNanosOffset..]));
    }
}
