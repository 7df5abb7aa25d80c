using System.Buffers.Binary;
using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.MarketData.Sync;

namespace Velox.MarketData.Tests.Books;

public sealed class SnapshotDiffFlowTests
{
    private static readonly Instrument Btc = new(new InstrumentId(7), "test", "BTCUSDT", 2, 3);

    private static SnapshotDiffBook NewBook() => new(Btc, UpdateIdRule.NextId, 50, 4096, 16);

    // Test frame: first id, last id, bids length (little-endian), then the bids and asks arrays.
    private static byte[] Diff(long first, long last, string bids, string asks)
    {
        var bidBytes = Encoding.UTF8.GetBytes(bids);
        var askBytes = Encoding.UTF8.GetBytes(asks);
        var frame = new byte[20 + bidBytes.Length + askBytes.Length];
        BinaryPrimitives.WriteInt64LittleEndian(frame, first);
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(8), last);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(16), bidBytes.Length);
        bidBytes.CopyTo(frame, 20);
        askBytes.CopyTo(frame, 20 + bidBytes.Length);
        return frame;
    }

    private static DiffOutcome Live(SnapshotDiffBook book, byte[] frame, ref CountingFeed feed, ref CountingHandler handler)
    {
        feed.TryReadDiff(frame, out var first, out var last, out var previous, out var bids, out var asks);
        return SnapshotDiffFlow.OnDiff(book, frame, first, last, previous, bids, asks, 1, ref feed, ref handler, out _);
    }

    [Test]
    public void SnapshotBridgesBufferedDiffsThenChainsAndResyncsOnGap()
    {
        var book = NewBook();
        var feed = default(CountingFeed);
        var handler = default(CountingHandler);
        Assert.That(Live(book, Diff(5, 9, """[["1.00","1"]]""", "[]"), ref feed, ref handler), Is.EqualTo(DiffOutcome.Buffered));
        Assert.That(Live(book, Diff(9, 12, """[["1.01","2"]]""", "[]"), ref feed, ref handler), Is.EqualTo(DiffOutcome.Buffered));
        Assert.That(Live(book, Diff(13, 14, "[]", """[["1.05","3"]]"""), ref feed, ref handler), Is.EqualTo(DiffOutcome.Buffered));
        Assert.That(book.TryTakeSnapshotRequest(), Is.True);

        var error = SnapshotDiffFlow.ApplySnapshot(book, 10, """[["1.00","4"]]"""u8, """[["1.10","5"]]"""u8, 0, 1, ref feed, ref handler);

        Assert.That(error, Is.EqualTo(FeedError.None));
        Assert.That((book.State, book.Pending.Count), Is.EqualTo((BookSyncState.InSync, 0)));
        Assert.That((feed.SnapshotLevels, feed.Snapshots, feed.Stale, feed.Applied), Is.EqualTo((2, 1, 1, 2)));
        Assert.That((book.Book.Bids.Count, book.Book.Asks.Count), Is.EqualTo((2, 2)));

        Assert.That(Live(book, Diff(15, 15, """[["1.00","0"]]""", "[]"), ref feed, ref handler), Is.EqualTo(DiffOutcome.Applied));
        Assert.That(Live(book, Diff(15, 15, "[]", "[]"), ref feed, ref handler), Is.EqualTo(DiffOutcome.Stale));
        Assert.That(Live(book, Diff(17, 18, "[]", "[]"), ref feed, ref handler), Is.EqualTo(DiffOutcome.Gap));
        Assert.That((book.State, book.Pending.Count, feed.Gaps, feed.Resyncs), Is.EqualTo((BookSyncState.Resyncing, 1, 1, 1)));
        Assert.That(handler.LastState, Is.EqualTo(BookSyncState.Resyncing));
    }

    [Test]
    public void BadSnapshotLevelFailsTheSnapshotAndResyncs()
    {
        var book = NewBook();
        var feed = default(CountingFeed);
        var handler = default(CountingHandler);
        Live(book, Diff(9, 12, "[]", "[]"), ref feed, ref handler);
        book.TryTakeSnapshotRequest();

        var error = SnapshotDiffFlow.ApplySnapshot(book, 10, """[["-1","4"]]"""u8, "[]"u8, 0, 1, ref feed, ref handler);

        Assert.That(error, Is.EqualTo(FeedError.InvalidValue));
        Assert.That((book.State, book.Book.Bids.Count, feed.Snapshots, handler.Updates), Is.EqualTo((BookSyncState.Resyncing, 0, 0, 0)));
    }

    [Test]
    public void DistrustResyncsOnlyAnInSyncBook()
    {
        var book = NewBook();
        var feed = default(CountingFeed);
        var handler = default(CountingHandler);
        SnapshotDiffFlow.Distrust(book, ref feed, ref handler);
        Assert.That(feed.Resyncs, Is.Zero);

        book.TryTakeSnapshotRequest();
        SnapshotDiffFlow.ApplySnapshot(book, 10, """[["1.00","4"]]"""u8, "[]"u8, 0, 1, ref feed, ref handler);
        SnapshotDiffFlow.Distrust(book, ref feed, ref handler);
        Assert.That((book.State, book.LastResyncReason, feed.Resyncs), Is.EqualTo((BookSyncState.Resyncing, ResyncReason.MalformedFrame, 1)));
    }

    private struct CountingFeed : ISnapshotDiffFeed
    {
        public int SnapshotLevels;
        public int Snapshots;
        public int Buffered;
        public int Stale;
        public int Applied;
        public int Gaps;
        public int Resyncs;
        public int Errors;

        public readonly bool TryReadDiff(ReadOnlySpan<byte> frame, out long firstId, out long lastId, out long previousId, out ReadOnlySpan<byte> bids, out ReadOnlySpan<byte> asks)
        {
            firstId = BinaryPrimitives.ReadInt64LittleEndian(frame);
            lastId = BinaryPrimitives.ReadInt64LittleEndian(frame[8..]);
            previousId = 0;
            var bidsLength = BinaryPrimitives.ReadInt32LittleEndian(frame[16..]);
            bids = frame.Slice(20, bidsLength);
            asks = frame[(20 + bidsLength)..];
            return true;
        }

        public void OnSnapshotLevel() => SnapshotLevels++;

        public void OnSnapshot() => Snapshots++;

        public void OnBuffered() => Buffered++;

        public void OnStale() => Stale++;

        public void OnApplied() => Applied++;

        public void OnGap() => Gaps++;

        public void OnResync() => Resyncs++;

        public void OnError(FeedError error) => Errors++;
    }

    private struct CountingHandler : IMarketDataHandler
    {
        public int Updates;
        public BookSyncState LastState;

        public void OnBookUpdate(in BookUpdate update) => Updates++;

        public readonly void OnTrade(in TradeEvent trade)
        {
        }

        public readonly void OnTicker(in TickerEvent ticker)
        {
        }

        public void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason) => LastState = state;
    }
}
