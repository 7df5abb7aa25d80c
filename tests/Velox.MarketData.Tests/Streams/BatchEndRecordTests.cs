using Velox.Core;
using Velox.Core.Instruments;
using Velox.Ipc;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.MarketData.Events;
using Velox.MarketData.Streams;
using Velox.MarketData.Sync;

namespace Velox.MarketData.Tests.Streams;

public sealed class BatchEndRecordTests
{
    private static readonly InstrumentId Btc = new(0);
    private static readonly InstrumentId Eth = new(1);

    [Test]
    public void BatchEndRoundTripsWithTheDocumentedLayout()
    {
        var record = new BatchEndRecord(new InstrumentId(513), 2, 1_000_001);
        var buffer = new byte[BatchEndRecord.Length];
        record.Write(buffer);

        Assert.That(MarketDataHeader.Type(buffer), Is.EqualTo(MarketDataMessageType.BatchEnd));
        Assert.That(BitConverter.ToUInt16(buffer, MarketDataHeader.InstrumentOffset), Is.EqualTo(513));
        Assert.That(BitConverter.ToInt16(buffer, BatchEndRecord.VenueOffset), Is.EqualTo(2));
        Assert.That(BitConverter.ToInt32(buffer, BatchEndRecord.BookRecordsOffset), Is.EqualTo(1_000_001));
        Assert.That(BatchEndRecord.TryRead(buffer, out var read), Is.True);
        Assert.That(read, Is.EqualTo(record));

        var handler = new BatchRecordingHandler();
        Assert.That(MarketDataDecoder.DispatchBatched(buffer, ref handler), Is.True);
        Assert.That((handler.BatchEnds, handler.LastBatch, handler.Events), Is.EqualTo((1, record, 0)));
    }

    [Test]
    public void ShortOrForeignBatchEndsAreRejectedAndPlainHandlersIgnoreThem()
    {
        var buffer = new byte[BatchEndRecord.Length];
        new BatchEndRecord(Btc, 1, 3).Write(buffer);
        var batched = new BatchRecordingHandler();
        var plain = new RecordingHandler();

        Assert.That(BatchEndRecord.TryRead(buffer.AsSpan(0, BatchEndRecord.Length - 1), out var none), Is.False);
        Assert.That(none, Is.EqualTo(default(BatchEndRecord)));
        Assert.That(MarketDataDecoder.DispatchBatched(buffer.AsSpan(0, BatchEndRecord.Length - 1), ref batched), Is.False);
        Assert.That(MarketDataDecoder.Dispatch(buffer.AsSpan(0, BatchEndRecord.Length - 1), ref plain), Is.False);
        Assert.That(MarketDataDecoder.Dispatch(buffer, ref plain), Is.True, "a whole batch end is a known record");
        Assert.That(plain.Events, Is.Zero, "that a plain handler does not see");

        var level = new byte[BookLevelRecord.Length];
        BookLevelRecord.Write(level, new BookUpdate(Btc, Side.Bid, 1, 1, 1, BookUpdateFlags.None, 1));
        Assert.That(BatchEndRecord.TryRead(level, out _), Is.False, "another type is not a batch end");
        buffer[MarketDataHeader.TypeOffset] = 99;
        Assert.That(MarketDataDecoder.DispatchBatched(buffer, ref batched), Is.False);
        Assert.That((batched.BatchEnds, batched.Events), Is.EqualTo((0, 0)));
    }

    [Test]
    public void EndBatchPublishesOneRecordPerBookWithLevelsAndNoneWhenIdle()
    {
        WithStream((publication, subscription) =>
        {
            var publisher = new MarketDataPublisher(publication, venue: 2);
            var reader = new MarketDataBatchFragmentHandler<BatchRecordingHandler>(default);

            // A turn that published three BTC levels, an ETH level, a trade and a state change.
            publisher.OnBookUpdate(new BookUpdate(Btc, Side.Bid, 100, 1, 1, BookUpdateFlags.None, 1));
            publisher.OnBookUpdate(new BookUpdate(Eth, Side.Ask, 10, 1, 1, BookUpdateFlags.None, 1));
            publisher.OnBookUpdate(new BookUpdate(Btc, Side.Ask, 101, 1, 1, BookUpdateFlags.None, 1));
            publisher.OnBookUpdate(new BookUpdate(Btc, Side.Ask, 102, 1, 1, BookUpdateFlags.None, 1));
            publisher.OnTrade(new TradeEvent(Btc, 1, 1, 100, 1, false, 1));
            publisher.OnBookState(Eth, BookSyncState.InSync, ResyncReason.None);
            Assert.That(publisher.OpenBatchBooks, Is.EqualTo(2));
            Assert.That(publisher.EndBatch(), Is.EqualTo(2));
            Assert.That(publisher.OpenBatchBooks, Is.Zero);

            // Idle turns and a turn with only a trade close nothing.
            Assert.That(publisher.EndBatch(), Is.Zero);
            publisher.OnTrade(new TradeEvent(Btc, 2, 2, 100, 1, false, 2));
            Assert.That(publisher.EndBatch(), Is.Zero);

            Drain(publication, subscription, ref reader, expected: 9);
            Assert.That(reader.Unknown, Is.Zero);
            Assert.That(publisher.BatchEnds, Is.EqualTo(2));
            Assert.That(publisher.Published, Is.EqualTo(9));
            Assert.That(reader.Handler.BatchEnds, Is.EqualTo(2));
            Assert.That(reader.Handler.Events, Is.EqualTo(7));
            Assert.That(reader.Handler.LastBatch, Is.EqualTo(new BatchEndRecord(Eth, 2, 1)), "one record per book, in first-touched order, after all levels");
            Assert.That(reader.Handler.EventsBeforeFirstBatchEnd, Is.EqualTo(6));
            Assert.That(reader.Handler.FirstBatch, Is.EqualTo(new BatchEndRecord(Btc, 2, 3)));
        });
    }

    [Test]
    public void BookRecordsCountLevelsTheStreamDroppedSoAReaderSeesTheLoss()
    {
        WithStream((publication, subscription) =>
        {
            var publisher = new MarketDataPublisher(publication, venue: 1);
            var reader = new MarketDataBatchFragmentHandler<BatchRecordingHandler>(default);

            // A turn larger than the stream's window while the reader is not polling: back-pressure drops some levels.
            const int Levels = 4_000;
            for (var i = 0; i < Levels; i++)
            {
                publisher.OnBookUpdate(new BookUpdate(Btc, Side.Bid, 100 + i, 1, 1, BookUpdateFlags.None, i));
            }

            Assert.That(publisher.Dropped, Is.GreaterThan(0), "the turn must overflow the window for this test");
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (reader.Handler.Events < publisher.Published)
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "levels did not arrive");
                publication.DoWork();
                subscription.Poll(ref reader, 256);
            }

            Assert.That(publisher.EndBatch(), Is.EqualTo(1));
            Drain(publication, subscription, ref reader, expected: (int)publisher.Published);
            Assert.That(reader.Handler.LastBatch, Is.EqualTo(new BatchEndRecord(Btc, 1, Levels)));
            Assert.That(reader.Handler.Events, Is.EqualTo(Levels - publisher.Dropped), "fewer levels arrived than the batch end counts");
        });
    }

    [Test]
    public void BatchesPublishedAndPolledAllocateNothing()
    {
        WithStream((publication, subscription) =>
        {
            var publisher = new MarketDataPublisher(publication, venue: 1);
            var reader = new MarketDataBatchFragmentHandler<BatchRecordingHandler>(default);

            Rounds(ref publisher, publication, subscription, ref reader, 1000);
            var before = GC.GetAllocatedBytesForCurrentThread();
            Rounds(ref publisher, publication, subscription, ref reader, 10_000);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.That(allocated, Is.Zero);
            Assert.That(publisher.Dropped, Is.Zero);
            Assert.That(reader.Unknown, Is.Zero);
            Assert.That(reader.Handler.BatchEnds, Is.EqualTo(2 * 11_000));
            Assert.That(reader.Handler.LastBatch, Is.EqualTo(new BatchEndRecord(Eth, 1, 1)));
        });
    }

    private static void Rounds(
        ref MarketDataPublisher publisher, ExclusivePublication publication, Subscription subscription,
        ref MarketDataBatchFragmentHandler<BatchRecordingHandler> reader, int rounds)
    {
        for (var i = 0; i < rounds; i++)
        {
            publisher.OnBookUpdate(new BookUpdate(Btc, Side.Bid, 100, 1, 1, BookUpdateFlags.None, i));
            publisher.OnBookUpdate(new BookUpdate(Btc, Side.Ask, 101, 1, 1, BookUpdateFlags.None, i));
            publisher.OnBookUpdate(new BookUpdate(Eth, Side.Ask, 10, 1, 1, BookUpdateFlags.None, i));
            publisher.EndBatch();
            publication.DoWork();
            var expected = reader.Handler.BatchEnds + 2;
            var deadline = System.Diagnostics.Stopwatch.GetTimestamp() + (5 * System.Diagnostics.Stopwatch.Frequency);
            while (reader.Handler.BatchEnds < expected)
            {
                if (subscription.Poll(ref reader, 16) == 0 && System.Diagnostics.Stopwatch.GetTimestamp() > deadline)
                {
                    Assert.Fail($"round {i}: {reader.Handler.BatchEnds} batch ends read, {expected} expected within 5 s");
                }
            }
        }
    }

    private static void WithStream(Action<ExclusivePublication, Subscription> test)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"velox-batch-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using var ipc = new IpcDirectory(new IpcOptions { Directory = directory, TermLength = 64 * 1024 });
            using var publication = ipc.AddExclusivePublication(10);
            using var subscription = ipc.AddSubscription(10);
            var reader = new MarketDataBatchFragmentHandler<BatchRecordingHandler>(default);
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (!publication.IsConnected || !subscription.IsConnected)
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"not connected: subscription {subscription.Status}");
                publication.DoWork();
                subscription.Poll(ref reader, 10);
                Thread.Sleep(1);
            }

            test(publication, subscription);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Drain(ExclusivePublication publication, Subscription subscription, ref MarketDataBatchFragmentHandler<BatchRecordingHandler> reader, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (reader.Handler.Events + reader.Handler.BatchEnds < expected)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "records did not arrive");
            publication.DoWork();
            subscription.Poll(ref reader, 16);
        }
    }

    /// <summary>Counts events and batch ends, remembering the first and last batch end.</summary>
    private struct BatchRecordingHandler : IMarketDataBatchHandler
    {
        public int Events { get; private set; }

        public int BatchEnds { get; private set; }

        public int EventsBeforeFirstBatchEnd { get; private set; }

        public BatchEndRecord FirstBatch { get; private set; }

        public BatchEndRecord LastBatch { get; private set; }

        public void OnBookUpdate(in BookUpdate update) => Events++;

        public void OnTrade(in TradeEvent trade) => Events++;

        public void OnTicker(in TickerEvent ticker) => Events++;

        public void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason) => Events++;

        public void OnBatchEnd(in BatchEndRecord batch)
        {
            if (BatchEnds == 0)
            {
                FirstBatch = batch;
                EventsBeforeFirstBatchEnd = Events;
            }

            BatchEnds++;
            LastBatch = batch;
        }
    }
}
