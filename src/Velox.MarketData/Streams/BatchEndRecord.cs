using System.Buffers.Binary;
using Velox.Core.Instruments;

namespace Velox.MarketData.Streams;

/// <summary>
/// The end of one connector turn on the market-data event stream, 16 bytes little-endian: header @0 (type,
/// instrument), venue i16 @4, reserved u16 @6, book records i32 @8 (the book-level records of
/// <see cref="Instrument"/> md produced in that turn, counting any the stream dropped, so a reader that got fewer lost some), reserved i32 @12. md publishes one per instrument whose book
/// changed in the turn, after every frame of the socket read was applied and published: a reader that has applied
/// the levels up to here holds a book that existed at the venue, never a half-applied diff.
/// </summary>
/// <param name="Instrument">The book the batch touched.</param>
/// <param name="Venue">The publishing connector's venue id (md: 1 Bitfinex, 2 Binance).</param>
/// <param name="BookRecords">Book-level records of <paramref name="Instrument"/> in the batch, dropped ones included.</param>
public readonly record struct BatchEndRecord(InstrumentId Instrument, short Venue, int BookRecords)
{
    public const int VenueOffset = 4;
    public const int BookRecordsOffset = 8;

    /// <summary>Record length.</summary>
    public const int Length = 16;

    /// <summary>Encodes this record into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        var record = destination[..Length];
        MarketDataHeader.Write(record, MarketDataMessageType.BatchEnd, Instrument);
        BinaryPrimitives.WriteInt16LittleEndian(record[VenueOffset..], Venue);
        BinaryPrimitives.WriteUInt16LittleEndian(record[6..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(record[BookRecordsOffset..], BookRecords);
        BinaryPrimitives.WriteInt32LittleEndian(record[12..], 0);
    }

    /// <summary>Decodes a batch-end record; false (and default) when <paramref name="message"/> is another type or shorter than <see cref="Length"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out BatchEndRecord record)
    {
        if (message.Length < Length || MarketDataHeader.Type(message) != MarketDataMessageType.BatchEnd)
        {
            record = default;
            return false;
        }

        record = new BatchEndRecord(
            MarketDataHeader.Instrument(message),
            BinaryPrimitives.ReadInt16LittleEndian(message[VenueOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(message[BookRecordsOffset..]));
        return true;
    }
}
