using Velox.MarketData.Sync;
using Velox.Venues.Binance.Session;
using static Velox.Venues.Binance.Tests.Session.SessionTestSupport;

namespace Velox.Venues.Binance.Tests.Session;

public sealed class SyncRuleTests
{
    [Test]
    public void SpotBuffersUntilTheSnapshotThenDropsStaleAndBridgesWithLastUpdateIdPlusOne()
    {
        var session = NewSession();
        var symbol = session.SubscribeDepth();
        var book = symbol.Depth!;

        Assert.That(session.Feed(Diff(95, 100)), Is.EqualTo(FrameOutcome.BookBuffered));
        Assert.That(session.Feed(Diff(101, 105, "[[\"100.00\",\"7\"]]")), Is.EqualTo(FrameOutcome.BookBuffered));
        Assert.That(session.TryTakeSnapshotRequest(out var requested), Is.True);
        Assert.That(requested, Is.SameAs(symbol));
        Assert.That(session.SnapshotPath(symbol), Is.EqualTo("api/v3/depth?symbol=BTCUSDT&limit=1000"));
        Assert.That(session.TryTakeSnapshotRequest(out _), Is.False, "one request until it is answered");

        Assert.That(session.Snapshot(symbol, SnapshotBody(100)), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(book.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(session.Stats.DepthStale, Is.EqualTo(1));
        Assert.That(session.Stats.DepthUpdates, Is.EqualTo(1));
        Assert.That(book.Book.Bids.Best.Size, Is.EqualTo(7_00000000), "the bridging diff was applied on the snapshot");

        Assert.That(session.Feed(Diff(106, 110)), Is.EqualTo(FrameOutcome.BookUpdate));
        Assert.That(session.Feed(Diff(103, 110)), Is.EqualTo(FrameOutcome.Ignored), "u <= last u: duplicate");
        Assert.That(session.Stats.Gaps, Is.Zero);
    }

    [Test]
    public void SpotSnapshotNewerThanNoBufferedDiffBridgesIsAGapAndAsksAgain()
    {
        var session = NewSession();
        var symbol = session.SubscribeDepth();
        session.Feed(Diff(110, 120));
        session.TryTakeSnapshotRequest(out _);

        session.Snapshot(symbol, SnapshotBody(100));

        Assert.That(symbol.Depth!.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(session.Stats.Gaps, Is.EqualTo(1));
        Assert.That(symbol.Depth.Pending.Count, Is.EqualTo(1), "the diff is kept for the next snapshot");
        Assert.That(session.TryTakeSnapshotRequest(out _), Is.True);

        session.Snapshot(symbol, SnapshotBody(115));
        Assert.That(symbol.Depth.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(symbol.Depth.Sync.LastId, Is.EqualTo(120));
    }

    [Test]
    public void DeliberatelyDroppedSpotDiffIsDetectedAndResyncIsRequested()
    {
        var session = NewSession();
        var symbol = session.SubscribeDepth();
        session.Snapshot(symbol, SnapshotBody(100));
        var recorder = Recorder.Create();
        Assert.That(session.Feed(Diff(101, 105), ref recorder), Is.EqualTo(FrameOutcome.BookUpdate));

        // 106..110 is "lost".
        Assert.That(session.Feed(Diff(111, 115), ref recorder), Is.EqualTo(FrameOutcome.BookGap));

        Assert.That(symbol.Depth!.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(recorder.States, Does.Contain((BookSyncState.Resyncing, ResyncReason.SequenceGap)));
        Assert.That(session.Stats.Gaps, Is.EqualTo(1));
        Assert.That(session.TryTakeSnapshotRequest(out _), Is.True);

        var updatesBefore = recorder.Updates.Count;
        var bestBefore = symbol.Depth.Book.Bids.Best;
        Assert.That(session.Feed(Diff(116, 120, "[[\"100.00\",\"9\"]]"), ref recorder), Is.EqualTo(FrameOutcome.BookBuffered));
        Assert.That(recorder.Updates, Has.Count.EqualTo(updatesBefore), "a resyncing book publishes nothing");
        Assert.That(symbol.Depth.Book.Bids.Best, Is.EqualTo(bestBefore), "and changes nothing");

        session.Snapshot(symbol, SnapshotBody(112));
        Assert.That(symbol.Depth.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(symbol.Depth.Book.Bids.Best.Size, Is.EqualTo(9_00000000));
    }

    [Test]
    public void FuturesKeepTheDiffEndingAtTheSnapshotIdThenChainOnPreviousId()
    {
        var session = NewSession(BinanceMarket.UsdmFutures);
        var symbol = session.SubscribeDepth();
        session.Feed(Diff(90, 99, previous: 89));
        session.Feed(Diff(100, 100, "[[\"100.00\",\"6\"]]", previous: 99));
        session.Snapshot(symbol, SnapshotBody(100));

        Assert.That(session.SnapshotPath(symbol), Does.StartWith("fapi/v1/depth?symbol=BTCUSDT"));
        Assert.That(session.Stats.DepthStale, Is.EqualTo(1), "u < lastUpdateId");
        Assert.That(session.Stats.DepthUpdates, Is.EqualTo(1), "U <= lastUpdateId <= u");
        Assert.That(symbol.Depth!.Book.Bids.Best.Size, Is.EqualTo(6_00000000));

        // Futures ids jump: only pu matters.
        Assert.That(session.Feed(Diff(150, 170, previous: 100)), Is.EqualTo(FrameOutcome.BookUpdate));
        Assert.That(session.Feed(Diff(180, 190, previous: 175)), Is.EqualTo(FrameOutcome.BookGap));
        Assert.That(symbol.Depth.LastResyncReason, Is.EqualTo(ResyncReason.SequenceGap));
    }

    [Test]
    public void FuturesDiffWithoutPreviousIdIsRejected()
    {
        var session = NewSession(BinanceMarket.UsdmFutures);
        var symbol = session.SubscribeDepth();
        session.Snapshot(symbol, SnapshotBody(100));
        Assert.That(session.Feed(Diff(100, 101)), Is.EqualTo(FrameOutcome.Error));
        Assert.That(symbol.Depth!.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(symbol.Depth.LastResyncReason, Is.EqualTo(ResyncReason.MalformedFrame));
    }

    [Test]
    public void StrictBookNeitherStoresNorPublishesLevelsBeyondTheSnapshotAndResyncsWhenTheRangeEmpties()
    {
        var session = NewSession();
        var symbol = session.SubscribeDepth();
        var recorder = Recorder.Create();
        session.Snapshot(symbol, SnapshotBody(100), depth: 2);
        var book = symbol.Depth!;
        Assert.That(book.BidsBounded && book.AsksBounded, Is.True);
        Assert.That(book.BidBoundary, Is.EqualTo(99_00000000));

        session.Feed(Diff(101, 101, "[[\"98.00\",\"1\"],[\"99.50\",\"1\"]]", "[[\"103.00\",\"1\"]]"), ref recorder);
        Assert.That(book.Book.Bids.Count, Is.EqualTo(3), "99.50 is inside the range");
        Assert.That(book.Book.Asks.Count, Is.EqualTo(2), "103 is beyond the ask boundary");
        Assert.That(recorder.Updates.Single().Price, Is.EqualTo(99_50000000L));
        Assert.That(book.LevelsBeyondSnapshot, Is.EqualTo(2));

        session.Feed(Diff(102, 102, "[[\"100.00\",\"0\"],[\"99.50\",\"0\"],[\"99.00\",\"0\"]]"), ref recorder);
        Assert.That(book.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(book.LastResyncReason, Is.EqualTo(ResyncReason.BookCapacity));
    }

    [Test]
    public void KeepPolicyStoresLevelsBeyondTheSnapshotAndNeverResyncsForRange()
    {
        var session = NewSession(keep: true);
        var symbol = session.SubscribeDepth();
        session.Snapshot(symbol, SnapshotBody(100), depth: 2);
        session.Feed(Diff(101, 101, "[[\"100.00\",\"0\"],[\"99.00\",\"0\"],[\"98.00\",\"1\"]]"));
        var book = symbol.Depth!;
        Assert.That(book.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(book.Book.Bids.Best.Price, Is.EqualTo(98_00000000));
        Assert.That(book.LevelsBeyondSnapshot, Is.EqualTo(1));
    }

    [Test]
    public void SnapshotShorterThanTheRequestedDepthIsCompleteAndUnbounded()
    {
        var session = NewSession();
        var symbol = session.SubscribeDepth();
        session.Snapshot(symbol, SnapshotBody(100), depth: 1000);
        Assert.That(symbol.Depth!.BidsBounded || symbol.Depth.AsksBounded, Is.False);
        session.Feed(Diff(101, 101, "[[\"50.00\",\"1\"]]"));
        Assert.That(symbol.Depth.Book.Bids.Count, Is.EqualTo(3));
    }

    [Test]
    public void ReconnectForgetsIdsAndBufferedDiffsAndQueuesSubscriptionsAgain()
    {
        var session = NewSession();
        var symbol = session.SubscribeDepth();
        Assert.That(session.Outbound.Count, Is.EqualTo(4));
        session.Snapshot(symbol, SnapshotBody(100));
        session.OnConnected();
        Assert.That(symbol.Depth!.State, Is.EqualTo(BookSyncState.AwaitingSnapshot));
        Assert.That(session.Outbound.Count, Is.EqualTo(4));
        Assert.That(session.Feed(Diff(101, 101)), Is.EqualTo(FrameOutcome.BookBuffered));
    }
}
