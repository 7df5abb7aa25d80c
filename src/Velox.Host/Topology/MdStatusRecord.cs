using System.Buffers.Binary;
using Velox.Host.Commands;

namespace Velox.Host.Topology;

/// <summary>
/// md's status on its status stream: the run counters of <see cref="StatusSnapshot"/> plus the IPC publishers'
/// dropped counts, 20 little-endian i64 at <c>8 × field index</c> in the order of the offsets below.
/// </summary>
public static class MdStatusRecord
{
    public const int FramesOffset = 0;
    public const int BooksOffset = 8;
    public const int BooksInSyncOffset = 16;
    public const int BookUpdatesOffset = 24;
    public const int TradesOffset = 32;
    public const int ChecksumsVerifiedOffset = 40;
    public const int ChecksumMismatchesOffset = 48;
    public const int GapsOffset = 56;
    public const int ResyncsOffset = 64;
    public const int ErrorsOffset = 72;
    public const int ReconnectsOffset = 80;
    public const int P50Offset = 88;
    public const int P99Offset = 96;
    public const int P999Offset = 104;
    public const int MaxOffset = 112;
    public const int SamplesOffset = 120;
    public const int EventsPublishedOffset = 128;
    public const int EventsDroppedOffset = 136;
    public const int RawPublishedOffset = 144;
    public const int RawDroppedOffset = 152;

    /// <summary>Record length.</summary>
    public const int Length = 160;

    /// <summary>Encodes the status into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, in StatusSnapshot s, long eventsPublished, long eventsDropped, long rawPublished, long rawDropped)
    {
        var r = destination[..Length];
        Put(r, FramesOffset, s.Frames);
        Put(r, BooksOffset, s.Books);
        Put(r, BooksInSyncOffset, s.BooksInSync);
        Put(r, BookUpdatesOffset, s.BookUpdates);
        Put(r, TradesOffset, s.Trades);
        Put(r, ChecksumsVerifiedOffset, s.ChecksumsVerified);
        Put(r, ChecksumMismatchesOffset, s.ChecksumMismatches);
        Put(r, GapsOffset, s.Gaps);
        Put(r, ResyncsOffset, s.Resyncs);
        Put(r, ErrorsOffset, s.Errors);
        Put(r, ReconnectsOffset, s.Reconnects);
        Put(r, P50Offset, s.P50);
        Put(r, P99Offset, s.P99);
        Put(r, P999Offset, s.P999);
        Put(r, MaxOffset, s.Max);
        Put(r, SamplesOffset, s.Samples);
        Put(r, EventsPublishedOffset, eventsPublished);
        Put(r, EventsDroppedOffset, eventsDropped);
        Put(r, RawPublishedOffset, rawPublished);
        Put(r, RawDroppedOffset, rawDropped);
    }

    /// <summary>The run counters of a record of at least <see cref="Length"/> bytes.</summary>
    public static StatusSnapshot Read(ReadOnlySpan<byte> r) => new()
    {
        Frames = Get(r, FramesOffset),
        Books = (int)Get(r, BooksOffset),
        BooksInSync = (int)Get(r, BooksInSyncOffset),
        BookUpdates = Get(r, BookUpdatesOffset),
        Trades = Get(r, TradesOffset),
        ChecksumsVerified = Get(r, ChecksumsVerifiedOffset),
        ChecksumMismatches = Get(r, ChecksumMismatchesOffset),
        Gaps = Get(r, GapsOffset),
        Resyncs = Get(r, ResyncsOffset),
        Errors = Get(r, ErrorsOffset),
        Reconnects = Get(r, ReconnectsOffset),
        P50 = Get(r, P50Offset),
        P99 = Get(r, P99Offset),
        P999 = Get(r, P999Offset),
        Max = Get(r, MaxOffset),
        Samples = Get(r, SamplesOffset),
    };

    public static long EventsDropped(ReadOnlySpan<byte> r) => Get(r, EventsDroppedOffset);

    public static long RawPublished(ReadOnlySpan<byte> r) => Get(r, RawPublishedOffset);

    private static void Put(Span<byte> r, int offset, long value) => BinaryPrimitives.WriteInt64LittleEndian(r[offset..], value);

    private static long Get(ReadOnlySpan<byte> r, int offset) => BinaryPrimitives.ReadInt64LittleEndian(r[offset..]);
}
