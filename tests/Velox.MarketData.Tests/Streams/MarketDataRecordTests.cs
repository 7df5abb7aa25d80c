using Velox.Core;
using Velox.Core.Instruments;
using Velox.Ipc;
using Velox.Ipc.Subscriptions;
using Velox.MarketData.Events;
using Velox.MarketData.Streams;
using Velox.MarketData.Sync;

namespace Velox.MarketData.Tests.Streams;

public sealed class MarketDataRecordTests
{
    private static readonly BookUpdate Update = new(new InstrumentId(7), Side.Ask, 4_200_012_345, 123_456_789, 3, BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotEnd, 987_654_321_000);
    private static readonly TradeEvent Trade = new(new InstrumentId(2), 1_234_567_890_123, 1_700_000_000_123, 99_999, -5_000, true, 42);
    private static readonly TickerEvent Ticker = new(new InstrumentId(65000), 1, 2, 3, 4, -5, -6, 7, 8, 9, 10, 11);

    [Test]
    public void BookLevelRecordHasTheDocumentedLayout()
    {
        var buffer = new byte[BookLevelRecord.Length];
        BookLevelRecord.Write(buffer, in Update);

        Assert.That(MarketDataHeader.Type(buffer), Is.EqualTo(MarketDataMessageType.BookLevel));
        Assert.That(BitConverter.ToUInt16(buffer, MarketDataHeader.InstrumentOffset), Is.EqualTo(7));
        Assert.That(buffer[BookLevelRecord.SideOffset], Is.EqualTo((byte)Side.Ask));
        Assert.That(BitConverter.ToInt64(buffer, BookLevelRecord.PriceOffset), Is.EqualTo(4_200_012_345));
        Assert.That(BitConverter.ToInt64(buffer, BookLevelRecord.SizeOffset), Is.EqualTo(123_456_789));
        Assert.That(BitConverter.ToInt32(buffer, BookLevelRecord.CountOffset), Is.EqualTo(3));
        Assert.That(BitConverter.ToInt64(buffer, BookLevelRecord.ReceiveNanosOffset), Is.EqualTo(987_654_321_000));
    }

    [Test]
    public void EveryRecordRoundTripsThroughTheDecoder()
    {
        var handler = new RecordingHandler();
        var buffer = new byte[TickerRecord.Length];

        BookLevelRecord.Write(buffer, in Update);
        Assert.That(MarketDataDecoder.Dispatch(buffer.AsSpan(0, BookLevelRecord.Length), ref handler), Is.True);
        TradeRecord.Write(buffer, in Trade);
        Assert.That(MarketDataDecoder.Dispatch(buffer.AsSpan(0, TradeRecord.Length), ref handler), Is.True);
        TickerRecord.Write(buffer, in Ticker);
        Assert.That(MarketDataDecoder.Dispatch(buffer.AsSpan(0, TickerRecord.Length), ref handler), Is.True);
        BookStateRecord.Write(buffer, new InstrumentId(3), BookSyncState.Resyncing, ResyncReason.ChecksumMismatch);
        Assert.That(MarketDataDecoder.Dispatch(buffer.AsSpan(0, BookStateRecord.Length), ref handler), Is.True);

        Assert.That(handler.Events, Is.EqualTo(4));
        Assert.That(handler.LastUpdate, Is.EqualTo(Update));
        Assert.That(handler.LastTrade, Is.EqualTo(Trade));
        Assert.That(handler.LastTicker, Is.EqualTo(Ticker));
        Assert.That(handler.LastStateInstrument, Is.EqualTo(new InstrumentId(3)));
        Assert.That(handler.LastState, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(handler.LastReason, Is.EqualTo(ResyncReason.ChecksumMismatch));
    }

    [Test]
    public void ShortOrUnknownMessagesAreRejectedWithoutDispatch()
    {
        var handler = new RecordingHandler();
        var buffer = new byte[BookLevelRecord.Length];
        BookLevelRecord.Write(buffer, in Update);

        Assert.That(MarketDataDecoder.Dispatch(buffer.AsSpan(0, BookLevelRecord.Length - 1), ref handler), Is.False);
        Assert.That(MarketDataDecoder.Dispatch(buffer.AsSpan(0, 2), ref handler), Is.False);
        buffer[MarketDataHeader.TypeOffset] = 99;
        Assert.That(MarketDataDecoder.Dispatch(buffer, ref handler), Is.False);
        Assert.That(handler.Events, Is.Zero);
    }

    [Test]
    public void PublishAndPollThroughIpcAllocateNothing()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"velox-md-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using var ipc = new IpcDirectory(new IpcOptions { Directory = directory, TermLength = 64 * 1024 });
            using var publication = ipc.AddExclusivePublication(10);
            using var subscription = ipc.AddSubscription(10);
            var publisher = new MarketDataPublisher(publication);
            var reader = new MarketDataFragmentHandler<RecordingHandler>(default);
            Connect(publication, subscription, ref reader);

            RoundTrip(ref publisher, publication, subscription, ref reader, 1000);
            var before = GC.GetAllocatedBytesForCurrentThread();
            RoundTrip(ref publisher, publication, subscription, ref reader, 10_000);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.That(allocated, Is.Zero);
            Assert.That(publisher.Dropped, Is.Zero);
            Assert.That(reader.Unknown, Is.Zero);
            Assert.That(reader.Handler.Events, Is.EqualTo(3 * 11_000));
            Assert.That(reader.Handler.LastUpdate, Is.EqualTo(Update));
            Assert.That(reader.Handler.LastTrade, Is.EqualTo(Trade));
            Assert.That(reader.Handler.LastState, Is.EqualTo(BookSyncState.InSync));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Connect(Velox.Ipc.Publications.ExclusivePublication publication, Subscription subscription, ref MarketDataFragmentHandler<RecordingHandler> reader)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!publication.IsConnected || !subscription.IsConnected)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"not connected: subscription {subscription.Status}");
            publication.DoWork();
            subscription.Poll(ref reader, 10);
            Thread.Sleep(1);
        }
    }

    private static void RoundTrip(
        ref MarketDataPublisher publisher, Velox.Ipc.Publications.ExclusivePublication publication, Subscription subscription,
        ref MarketDataFragmentHandler<RecordingHandler> reader, int rounds)
    {
        for (var i = 0; i < rounds; i++)
        {
            publisher.OnBookUpdate(in Update);
            publisher.OnTrade(in Trade);
            publisher.OnBookState(Update.Instrument, BookSyncState.InSync, ResyncReason.None);
            publication.DoWork();
            var expected = reader.Handler.Events + 3;
            while (reader.Handler.Events < expected)
            {
                subscription.Poll(ref reader, 16);
            }
        }
    }
}
