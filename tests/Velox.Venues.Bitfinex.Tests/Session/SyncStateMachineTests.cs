using Velox.MarketData.Sync;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Parsing;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Venues.Bitfinex.Tests.Session;

public sealed class SyncStateMachineTests
{
    private static readonly string[] ResubscribeMessages =
    {
        "{\"event\":\"unsubscribe\",\"chanId\":17}",
        "{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}",
    };

    private static readonly string[] ConnectMessages =
    {
        "{\"event\":\"conf\",\"flags\":196608}",
        "{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"250\"}",
        "{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}",
        "{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"fUSD\"}",
    };

    private static BitfinexMarketDataSession SubscribedWithSeqAll()
    {
        var session = SessionTestSupport.NewSession();
        session.Feed("{\"event\":\"info\",\"version\":2,\"platform\":{\"status\":1}}");
        session.Feed("{\"event\":\"conf\",\"status\":\"OK\",\"flags\":196608}");
        session.Feed("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}");
        return session;
    }

    [Test]
    public void SequenceGapResyncsUntilAFreshSnapshot()
    {
        var session = SubscribedWithSeqAll();
        var book = session.Find("tBTCUSD", BitfinexChannelType.Book)!;
        Assert.That(book.State, Is.EqualTo(BookSyncState.AwaitingSnapshot));

        Assert.That(session.Feed("[17,[[100,1,2],[101,1,-3]],1]"), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(book.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(session.Feed("[17,\"hb\",2]"), Is.EqualTo(FrameOutcome.Heartbeat));
        Assert.That(session.Feed("[17,[100,2,5],3]"), Is.EqualTo(FrameOutcome.BookUpdate));

        Assert.That(session.Feed("[17,[100,2,6],5]"), Is.EqualTo(FrameOutcome.Ignored));
        Assert.That(book.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(book.LastResyncReason, Is.EqualTo(ResyncReason.SequenceGap));
        Assert.That(session.TakeRequests(), Is.EqualTo(SessionRequest.Resync));
        Assert.That(session.Stats.SequenceGaps, Is.EqualTo(1));
        Assert.That(book.Book!.Bids.Best.Size, Is.EqualTo(5_0000_0000), "the update after the gap is not applied");

        Assert.That(session.Feed("[17,[100,1,1],6]"), Is.EqualTo(FrameOutcome.Ignored));
        Assert.That(session.Feed("[17,[[99,1,1],[102,1,-1]],7]"), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(book.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(book.Book.Bids.Best.Price, Is.EqualTo(99_00000_00000));
        Assert.That(session.Stats.Errors, Is.Zero);
    }

    [Test]
    public void StaleSequenceIsDroppedAndCounted()
    {
        var session = SubscribedWithSeqAll();
        session.Feed("[17,[[100,1,2],[101,1,-3]],1]");
        Assert.That(session.Feed("[17,[100,3,9],1]"), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(FrameError.StaleSequence));
        Assert.That(session.Find("tBTCUSD", BitfinexChannelType.Book)!.Book!.Bids.Best.Size, Is.EqualTo(2_0000_0000));
    }

    [Test]
    public void ChecksumMismatchResyncsAndRequestsResubscribe()
    {
        var session = SubscribedWithSeqAll();
        session.Drain();
        var recorder = new StateRecorder { States = [] };
        session.ProcessFrame("[17,[[100,1,2],[101,1,-3]],1]"u8, 0, ref recorder);
        session.ProcessFrame("[17,\"cs\",12345,2]"u8, 0, ref recorder);

        var book = session.Find("tBTCUSD", BitfinexChannelType.Book)!;
        Assert.That(book.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(book.LastResyncReason, Is.EqualTo(ResyncReason.ChecksumMismatch));
        Assert.That(recorder.States, Is.EqualTo(new[] { (BookSyncState.InSync, ResyncReason.None), (BookSyncState.Resyncing, ResyncReason.ChecksumMismatch) }));
        Assert.That(session.Stats.ChecksumMismatches, Is.EqualTo(1));
        Assert.That(session.Drain(), Is.EqualTo(ResubscribeMessages));

        // The server answers with unsubscribed, then subscribed with a new chanId and a snapshot.
        session.Feed("{\"event\":\"unsubscribed\",\"status\":\"OK\",\"chanId\":17}");
        Assert.That(session.Feed("[17,[100,1,1],3]"), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(FrameError.UnknownChannel));
        session.Feed("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":99,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}");
        Assert.That(book.ChannelId, Is.EqualTo(99));
        Assert.That(book.State, Is.EqualTo(BookSyncState.AwaitingSnapshot));
        session.Feed("[99,[[100,1,2],[101,1,-3]],4]");
        Assert.That(book.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(session.Subscriptions.Length, Is.EqualTo(1));
    }

    [Test]
    public void MatchingChecksumVerifies()
    {
        var session = SubscribedWithSeqAll();
        session.Feed("[17,[[100,1,2],[101,1,-3]],1]");
        var expected = BitfinexChecksum.Compute(session.Find("tBTCUSD", BitfinexChannelType.Book)!.Book!, 10, 8);

        // Reference: zlib.crc32(b"100:2:101:-3") read as a signed int32 (computed with Python).
        Assert.That(expected, Is.EqualTo(1420966277));
        Assert.That(session.Feed($"[17,\"cs\",{expected},2]"), Is.EqualTo(FrameOutcome.Checksum));
        Assert.That(session.Stats.ChecksumsVerified, Is.EqualTo(1));
    }

    [Test]
    public void InfoCodesDriveReconnectPauseAndResubscribe()
    {
        var session = SubscribedWithSeqAll();
        session.Feed("[17,[[100,1,2],[101,1,-3]],1]");
        session.Drain();
        var book = session.Find("tBTCUSD", BitfinexChannelType.Book)!;

        session.Feed("{\"event\":\"info\",\"code\":20060,\"msg\":\"Entering maintenance mode\"}");
        Assert.That(book.State, Is.EqualTo(BookSyncState.Paused));
        Assert.That(session.TakeRequests(), Is.EqualTo(SessionRequest.Pause));
        Assert.That(session.Feed("[17,[100,3,9],2]"), Is.EqualTo(FrameOutcome.Ignored));

        session.Feed("{\"event\":\"info\",\"code\":20061,\"msg\":\"Maintenance ended\"}");
        Assert.That(book.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(session.Drain(), Has.Count.EqualTo(2));

        session.Feed("{\"event\":\"info\",\"code\":20051,\"msg\":\"Stopping\"}");
        Assert.That(session.TakeRequests(), Is.EqualTo(SessionRequest.Reconnect));
        Assert.That(book.LastResyncReason, Is.EqualTo(ResyncReason.Reconnect));
    }

    [Test]
    public void OnConnectedQueuesConfAndEverySubscription()
    {
        var session = SessionTestSupport.NewSession();
        session.SubscribeBook("tBTCUSD", length: 250);
        session.SubscribeTrades("tBTCUSD");
        session.SubscribeTicker("fUSD");
        session.OnConnected();
        Assert.That(session.Drain(), Is.EqualTo(ConnectMessages));
        Assert.That(session.Find("tBTCUSD", BitfinexChannelType.Book)!.Book!.MaxLevelsPerSide, Is.EqualTo(250));
    }
}
