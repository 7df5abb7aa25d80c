using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Bybit.Session;
using static Velox.Venues.Bybit.Tests.Session.BybitTestSupport;

namespace Velox.Venues.Bybit.Tests.Session;

public sealed class SyncRuleTests
{
    private static readonly string[] ResubscribeBtc =
    [
        "{\"op\":\"unsubscribe\",\"args\":[\"orderbook.50.BTCUSDT\"]}",
        "{\"op\":\"subscribe\",\"args\":[\"orderbook.50.BTCUSDT\"]}",
    ];

    private static readonly string[] ResubscribeEth =
    [
        "{\"op\":\"unsubscribe\",\"args\":[\"orderbook.200.ETHUSDT\"]}",
        "{\"op\":\"subscribe\",\"args\":[\"orderbook.200.ETHUSDT\"]}",
    ];

    [Test]
    public void SnapshotThenConsecutiveDeltasKeepTheBookInSync()
    {
        var session = Subscribed();
        var recorder = Recorder.Create();

        Assert.That(session.Feed(Snapshot(10), ref recorder), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(session.Feed(Delta(11, bids: "[\"100\",\"0\"],[\"99.5\",\"3\"]"), ref recorder), Is.EqualTo(FrameOutcome.BookDelta));
        Assert.That(session.Feed(Delta(12, asks: "[\"101\",\"2.5\"]"), ref recorder), Is.EqualTo(FrameOutcome.BookDelta));

        var book = session.Find(BookTopic)!;
        Assert.That(book.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(book.LastUpdateId, Is.EqualTo(12));
        Assert.That(book.LastCrossSequence, Is.EqualTo(1012));
        Assert.That(book.Book!.Bids.Best.Price, Is.EqualTo(995_000_000_000));
        Assert.That(book.Book.Asks.Best.Size, Is.EqualTo(250_000_000));
        Assert.That(recorder.Updates.Select(u => u.Flags), Is.EqualTo(new[]
        {
            BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin,
            BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotEnd,
            BookUpdateFlags.Delete,
            BookUpdateFlags.None,
            BookUpdateFlags.None,
        }));
        Assert.That(session.Stats.UpdateIdsChecked, Is.EqualTo(2));
        Assert.That(session.Drain(), Is.Empty);
    }

    [Test]
    public void GapResubscribesTheTopicAndIgnoresDeltasUntilTheNextSnapshot()
    {
        var session = Subscribed();
        var recorder = Recorder.Create();
        session.Feed(Snapshot(10), ref recorder);

        Assert.That(session.Feed(Delta(12, bids: "[\"98\",\"1\"]"), ref recorder), Is.EqualTo(FrameOutcome.Ignored));
        Assert.That(session.Feed(Delta(13, bids: "[\"97\",\"1\"]"), ref recorder), Is.EqualTo(FrameOutcome.Ignored));

        var book = session.Find(BookTopic)!;
        Assert.That(book.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(book.LastResyncReason, Is.EqualTo(ResyncReason.SequenceGap));
        Assert.That(book.Book!.Bids.Count, Is.EqualTo(1), "nothing applied from the gapped deltas");
        Assert.That(session.Stats.UpdateIdGaps, Is.EqualTo(1));
        Assert.That(session.Stats.BookDeltasIgnored, Is.EqualTo(1));
        Assert.That(session.Drain(), Is.EqualTo(ResubscribeBtc));

        Assert.That(session.Feed(Snapshot(500), ref recorder), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(session.Feed(Delta(501), ref recorder), Is.EqualTo(FrameOutcome.BookDelta));
        Assert.That(book.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(recorder.States, Is.EqualTo(new[]
        {
            (BookSyncState.InSync, ResyncReason.None),
            (BookSyncState.Resyncing, ResyncReason.SequenceGap),
            (BookSyncState.InSync, ResyncReason.None),
        }));
        Assert.That(session.Stats.Resyncs, Is.EqualTo(1));
    }

    [Test]
    public void StaleOrRepeatedUpdateIdIsAGapToo()
    {
        var session = Subscribed();
        session.Feed(Snapshot(10));
        session.Feed(Delta(11));

        Assert.That(session.Feed(Delta(11)), Is.EqualTo(FrameOutcome.Ignored));
        Assert.That(session.Find(BookTopic)!.State, Is.EqualTo(BookSyncState.Resyncing));
    }

    [Test]
    public void SnapshotWithUpdateIdOneIsAServiceRestartNotAGap()
    {
        var session = Subscribed();
        session.Feed(Snapshot(9000, bids: "[\"100\",\"1\"],[\"99\",\"1\"]"));
        session.Feed(Delta(9001));

        Assert.That(session.Feed(Snapshot(1, bids: "[\"90\",\"4\"]")), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(session.Feed(Delta(2)), Is.EqualTo(FrameOutcome.BookDelta));

        var book = session.Find(BookTopic)!;
        Assert.That(book.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(book.Book!.Bids.Count, Is.EqualTo(1), "the book was reset");
        Assert.That(book.Book.Bids.Best.Price, Is.EqualTo(900_000_000_000));
        Assert.That(book.ServiceRestarts, Is.EqualTo(1));
        Assert.That(session.Stats.ServiceRestarts, Is.EqualTo(1));
        Assert.That(session.Stats.UpdateIdGaps, Is.Zero);
        Assert.That(session.Drain(), Is.Empty);
    }

    [Test]
    public void DeltaBeforeTheFirstSnapshotIsIgnored()
    {
        var session = Subscribed();

        Assert.That(session.Feed(Delta(5, bids: "[\"100\",\"1\"]")), Is.EqualTo(FrameOutcome.Ignored));
        Assert.That(session.Find(BookTopic)!.State, Is.EqualTo(BookSyncState.AwaitingSnapshot));
        Assert.That(session.Stats.BookDeltasIgnored, Is.EqualTo(1));
        Assert.That(session.Drain(), Is.Empty);
    }

    [Test]
    public void ReconnectAwaitsFreshSnapshotsAndResubscribesEveryTopic()
    {
        var session = Subscribed();
        session.Feed(Snapshot(10));
        var recorder = Recorder.Create();

        session.OnConnected();

        Assert.That(session.Find(BookTopic)!.State, Is.EqualTo(BookSyncState.AwaitingSnapshot));
        Assert.That(session.Feed(Delta(11), ref recorder), Is.EqualTo(FrameOutcome.Ignored));
        Assert.That(session.Drain(), Has.Count.EqualTo(3));
        Assert.That(session.Feed(Snapshot(1), ref recorder), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(session.Stats.ServiceRestarts, Is.Zero, "u restarts on a new connection");
    }

    [Test]
    public void DroppedRecordedDeltaIsDetectedAndRequestsAResync()
    {
        var session = NewSession();
        var frames = AdoptRecorded(session, 0);
        var topic = "orderbook.200.ETHUSDT";
        var deltas = frames.Where(f => IsTopic(f, topic) && !IsSnapshot(f)).ToList();
        var dropped = deltas[100];

        foreach (var frame in frames)
        {
            if (!ReferenceEquals(frame, dropped))
            {
                session.ProcessFrame(frame, 0);
            }
        }

        var book = session.Find(topic)!;
        Assert.That(session.Stats.UpdateIdGaps, Is.EqualTo(1));
        Assert.That(session.Stats.Resyncs, Is.EqualTo(1));
        Assert.That(session.Stats.Errors, Is.Zero);
        Assert.That(book.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(book.LastResyncReason, Is.EqualTo(ResyncReason.SequenceGap));
        Assert.That(session.Stats.BookDeltasIgnored, Is.EqualTo(deltas.Count - 101 - 1));
        Assert.That(session.Drain(), Is.EqualTo(ResubscribeEth));
        Assert.That(session.Find("orderbook.200.BTCUSDT")!.State, Is.EqualTo(BookSyncState.InSync), "other topics are unaffected");
    }

    private static bool IsSnapshot(byte[] frame) => System.Text.Encoding.UTF8.GetString(frame).Contains("\"type\":\"snapshot\"", StringComparison.Ordinal);
}
