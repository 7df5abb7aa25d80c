using System.Buffers.Binary;
using Velox.Core.Instruments;
using Velox.MarketData.Sync;

namespace Velox.MarketData.Streams;

/// <summary>
/// A book sync-state change on the market-data event stream, 8 bytes little-endian: header @0 (type, instrument),
/// state u8 @4 (<see cref="BookSyncState"/>), reason u8 @5 (<see cref="ResyncReason"/>).
/// </summary>
public static class BookStateRecord
{
    public const int StateOffset = 4;
    public const int ReasonOffset = 5;

    /// <summary>Record length.</summary>
    public const int Length = 8;

    /// <summary>Encodes the change into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, InstrumentId instrument, BookSyncState state, ResyncReason reason)
    {
        var record = destination[..Length];
        MarketDataHeader.Write(record, MarketDataMessageType.BookState, instrument);
        record[StateOffset] = (byte)state;
        record[ReasonOffset] = (byte)reason;
        BinaryPrimitives.WriteUInt16LittleEndian(record[6..], 0);
    }

    public static BookSyncState State(ReadOnlySpan<byte> message) => (BookSyncState)message[StateOffset];

    public static ResyncReason Reason(ReadOnlySpan<byte> message) => (ResyncReason)message[ReasonOffset];
}
