using System.Buffers.Binary;
using Velox.MarketData.Events;

namespace Velox.MarketData.Streams;

/// <summary>
/// A <see cref="TickerEvent"/> on the market-data event stream, 96 bytes little-endian: header @0 (type, instrument),
/// then i64 fields: bid @8, bid size @16, ask @24, ask size @32, daily change @40, daily change relative @48,
/// last @56, volume @64, high @72, low @80, receive ns @88.
/// </summary>
public static class TickerRecord
{
    public const int BidOffset = 8;
    public const int BidSizeOffset = 16;
    public const int AskOffset = 24;
    public const int AskSizeOffset = 32;
    public const int DailyChangeOffset = 40;
    public const int DailyChangeRelativeOffset = 48;
    public const int LastOffset = 56;
    public const int VolumeOffset = 64;
    public const int HighOffset = 72;
    public const int LowOffset = 80;
    public const int ReceiveNanosOffset = 88;

    /// <summary>Record length.</summary>
    public const int Length = 96;

    /// <summary>Encodes <paramref name="ticker"/> into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, in TickerEvent ticker)
    {
        var record = destination[..Length];
        MarketDataHeader.Write(record, MarketDataMessageType.Ticker, ticker.Instrument);
        record[MarketDataHeader.Length..BidOffset].Clear();
        BinaryPrimitives.WriteInt64LittleEndian(record[BidOffset..], ticker.Bid);
        BinaryPrimitives.WriteInt64LittleEndian(record[BidSizeOffset..], ticker.BidSize);
        BinaryPrimitives.WriteInt64LittleEndian(record[AskOffset..], ticker.Ask);
        BinaryPrimitives.WriteInt64LittleEndian(record[AskSizeOffset..], ticker.AskSize);
        BinaryPrimitives.WriteInt64LittleEndian(record[DailyChangeOffset..], ticker.DailyChange);
        BinaryPrimitives.WriteInt64LittleEndian(record[DailyChangeRelativeOffset..], ticker.DailyChangeRelative);
        BinaryPrimitives.WriteInt64LittleEndian(record[LastOffset..], ticker.Last);
        BinaryPrimitives.WriteInt64LittleEndian(record[VolumeOffset..], ticker.Volume);
        BinaryPrimitives.WriteInt64LittleEndian(record[HighOffset..], ticker.High);
        BinaryPrimitives.WriteInt64LittleEndian(record[LowOffset..], ticker.Low);
        BinaryPrimitives.WriteInt64LittleEndian(record[ReceiveNanosOffset..], ticker.ReceiveNanos);
    }

    /// <summary>Decodes a record of at least <see cref="Length"/> bytes.</summary>
    public static TickerEvent Read(ReadOnlySpan<byte> message)
    {
        var record = message[..Length];
        return new TickerEvent(
            MarketDataHeader.Instrument(record),
            BinaryPrimitives.ReadInt64LittleEndian(record[BidOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[BidSizeOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[AskOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[AskSizeOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[DailyChangeOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[DailyChangeRelativeOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[LastOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[VolumeOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[HighOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[LowOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[ReceiveNanosOffset..]));
    }
}
