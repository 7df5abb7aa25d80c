using System.Buffers.Binary;
using Velox.Ipc.Subscriptions;

namespace Velox.Host.Topology;

/// <summary>
/// engine's status, and its record on the engine status stream (40 bytes little-endian): events i64 @0,
/// book levels i64 @8, trades i64 @16, instruments i32 @24, tops i32 @28, books in sync i32 @32,
/// market-data subscription status i32 @36.
/// </summary>
public readonly record struct EngineStatus(long Events, long BookLevels, long Trades, int Instruments, int Tops, int BooksInSync, SubscriptionStatus MarketData)
{
    public const int EventsOffset = 0;
    public const int BookLevelsOffset = 8;
    public const int TradesOffset = 16;
    public const int InstrumentsOffset = 24;
    public const int TopsOffset = 28;
    public const int BooksInSyncOffset = 32;
    public const int MarketDataStatusOffset = 36;

    /// <summary>Record length.</summary>
    public const int Length = 40;

    /// <summary>Encodes the status into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        var r = destination[..Length];
        BinaryPrimitives.WriteInt64LittleEndian(r[EventsOffset..], Events);
        BinaryPrimitives.WriteInt64LittleEndian(r[BookLevelsOffset..], BookLevels);
        BinaryPrimitives.WriteInt64LittleEndian(r[TradesOffset..], Trades);
        BinaryPrimitives.WriteInt32LittleEndian(r[InstrumentsOffset..], Instruments);
        BinaryPrimitives.WriteInt32LittleEndian(r[TopsOffset..], Tops);
        BinaryPrimitives.WriteInt32LittleEndian(r[BooksInSyncOffset..], BooksInSync);
        BinaryPrimitives.WriteInt32LittleEndian(r[MarketDataStatusOffset..], (int)MarketData);
    }

    /// <summary>Decodes a record of at least <see cref="Length"/> bytes.</summary>
    public static EngineStatus Read(ReadOnlySpan<byte> r) => new(
        BinaryPrimitives.ReadInt64LittleEndian(r[EventsOffset..]),
        BinaryPrimitives.ReadInt64LittleEndian(r[BookLevelsOffset..]),
        BinaryPrimitives.ReadInt64LittleEndian(r[TradesOffset..]),
        BinaryPrimitives.ReadInt32LittleEndian(r[InstrumentsOffset..]),
        BinaryPrimitives.ReadInt32LittleEndian(r[TopsOffset..]),
        BinaryPrimitives.ReadInt32LittleEndian(r[BooksInSyncOffset..]),
        (SubscriptionStatus)BinaryPrimitives.ReadInt32LittleEndian(r[MarketDataStatusOffset..]));
}
