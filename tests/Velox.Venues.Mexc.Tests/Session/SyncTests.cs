using System.Text;
using Velox.MarketData.Sync;
using Velox.Venues.Mexc.Session;
using static Velox.Venues.Mexc.Tests.Session.MexcMessages;

namespace Velox.Venues.Mexc.Tests.Session;

public sealed class SyncTests
{
    private static readonly string[] SpotSubscriptions =
    [
        "{\"method\":\"SUBSCRIPTION\",\"params\":[\"spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT\"]}",
        "{\"method\":\"SUBSCRIPTION\",\"params\":[\"spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT\"]}",
    ];

    private static readonly string[] FuturesSubscriptions =
    [
        "{\"method\":\"sub.depth\",\"param\":{\"symbol\":\"BTC_USDT\"}}",
        "{\"method\":\"sub.deal\",\"param\":{\"symbol\":\"BTC_USDT\"}}",
    ];

    [Test]
    public void SpotBuffersUntilSnapshotDropsStaleBridgesAndChains()
    {
        var session = NewSession();
        var symbol = session.Subscribe("BTCUSDT");
        Assert.That(session.ProcessFrame(SpotDepth(90, 95), 0), Is.EqualTo(FrameOutcome.BookBuffered));
        Assert.That(session.ProcessFrame(SpotDepth(96, 101, [("98.00", "7")]), 0), Is.EqualTo(FrameOutcome.BookBuffered));
        Assert.That(session.TryTakeSnapshotRequest(out var requested) && requested == symbol);
        Assert.That(session.SnapshotPath(symbol), Is.EqualTo("/api/v3/depth?symbol=BTCUSDT&limit=1000"));

        var recorder = Recorder.Create();
        Assert.That(session.ApplySnapshot(symbol, SpotSnapshot(100), 0, ref recorder), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(symbol.Depth.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(session.Stats.DepthStale, Is.EqualTo(1));
        Assert.That(symbol.Depth.Sync.LastId, Is.EqualTo(101));
        Assert.That(symbol.Depth.Book.Bids.Count, Is.EqualTo(3));

        Assert.That(session.ProcessFrame(SpotDepth(102, 104, [("100.00", "0")], [("101.50", "1")]), 0, ref recorder), Is.EqualTo(FrameOutcome.BookUpdate));
        Assert.That(symbol.Depth.Book.Bids.AtDepth(0).Price, Is.EqualTo(99_00000000L));
        Assert.That(symbol.Depth.Book.Asks.AtDepth(1).Price, Is.EqualTo(101_50000000L));
        Assert.That(session.ProcessFrame(SpotDepth(100, 104), 0), Is.EqualTo(FrameOutcome.Ignored));
        Assert.That(session.Stats.Errors, Is.Zero, session.LastError.ToString());
    }

    [Test]
    public void SpotDroppedUpdateIsAGapThatResyncsAndTheNextSnapshotRecovers()
    {
        var session = NewSession();
        var symbol = session.Subscribe("BTCUSDT");
        session.ApplySnapshot(symbol, SpotSnapshot(100), 0);
        Assert.That(session.ProcessFrame(SpotDepth(101, 103), 0), Is.EqualTo(FrameOutcome.BookUpdate));

        var recorder = Recorder.Create();
        Assert.That(session.ProcessFrame(SpotDepth(105, 106), 0, ref recorder), Is.EqualTo(FrameOutcome.BookGap));
        Assert.That(symbol.Depth.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(recorder.States, Is.EqualTo(new[] { (BookSyncState.Resyncing, ResyncReason.SequenceGap) }));
        Assert.That(session.Stats.Gaps, Is.EqualTo(1));
        Assert.That(session.TryTakeSnapshotRequest(out _));

        Assert.That(session.ProcessFrame(SpotDepth(107, 108), 0), Is.EqualTo(FrameOutcome.BookBuffered));
        Assert.That(session.ApplySnapshot(symbol, SpotSnapshot(106), 0), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(symbol.Depth.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(symbol.Depth.Sync.LastId, Is.EqualTo(108));
    }

    [Test]
    public void SpotSnapshotOlderThanTheBufferedStreamStaysResyncing()
    {
        var session = NewSession();
        var symbol = session.Subscribe("BTCUSDT");
        session.ProcessFrame(SpotDepth(200, 210), 0);
        session.TryTakeSnapshotRequest(out _);
        session.ApplySnapshot(symbol, SpotSnapshot(150), 0);
        Assert.That(symbol.Depth.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(session.Stats.Gaps, Is.EqualTo(1));
        Assert.That(symbol.Depth.Pending.Count, Is.EqualTo(1));
    }

    [Test]
    public void SpotIncreaseDepthChainsOnItsSingleVersionAndTakesTheSymbolFromTheChannel()
    {
        var session = NewSession();
        var symbol = session.Subscribe("BTCUSDT");
        session.ApplySnapshot(symbol, SpotSnapshot(100), 0);
        Assert.That(session.ProcessFrame(SpotIncreaseDepth(101), 0), Is.EqualTo(FrameOutcome.BookUpdate));
        Assert.That(symbol.Depth.Book.Asks.AtDepth(0).Price, Is.EqualTo(102_00000000L));
        Assert.That(session.ProcessFrame(SpotIncreaseDepth(103), 0), Is.EqualTo(FrameOutcome.BookGap));
    }

    [Test]
    public void FuturesVersionContinuityAndGap()
    {
        var session = NewSession(MexcMarket.Futures);
        var symbol = session.Subscribe("BTC_USDT");
        Assert.That(session.SnapshotPath(symbol), Is.EqualTo("/api/v1/contract/depth/BTC_USDT?limit=1000"));
        Assert.That(session.ProcessFrame(FuturesDepth(500), 0), Is.EqualTo(FrameOutcome.BookBuffered));
        Assert.That(session.ProcessFrame(FuturesDepth(501, "[[100,0,0]]", "[[101.5,4,1]]"), 0), Is.EqualTo(FrameOutcome.BookBuffered));
        Assert.That(session.ApplySnapshot(symbol, FuturesSnapshot(500), 0), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(symbol.Depth.Sync.LastId, Is.EqualTo(501));
        Assert.That(symbol.Depth.Book.Bids.AtDepth(0).Price, Is.EqualTo(99_00000000L));
        Assert.That(symbol.Depth.Book.Asks.AtDepth(0).Price, Is.EqualTo(101_00000000L));

        Assert.That(session.ProcessFrame(FuturesDepth(502), 0), Is.EqualTo(FrameOutcome.BookUpdate));
        Assert.That(session.ProcessFrame(FuturesDepth(502), 0), Is.EqualTo(FrameOutcome.Ignored));
        Assert.That(session.ProcessFrame(FuturesDepth(504), 0), Is.EqualTo(FrameOutcome.BookGap));
        Assert.That(symbol.Depth.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(session.Stats.Errors, Is.Zero, session.LastError.ToString());
    }

    [Test]
    public void TradesAreNormalizedWithTakerSide()
    {
        var spot = NewSession();
        spot.Subscribe("BTCUSDT");
        var recorder = Recorder.Create();
        Assert.That(spot.ProcessFrame(SpotDeals("BTCUSDT", ("93220.00", "0.04438243", 2), ("93221.5", "1", 1)), 7, ref recorder), Is.EqualTo(FrameOutcome.Trade));
        Assert.That(recorder.Trades.Select(t => (t.Price, t.Amount)), Is.EqualTo(new[] { (93220_00000000L, -4438243L), (93221_50000000L, 1_00000000L) }));
        Assert.That(recorder.Trades[0].TimestampMs, Is.EqualTo(1736417034332));

        var futures = NewSession(MexcMarket.Futures);
        futures.Subscribe("BTC_USDT");
        var frame = Encoding.UTF8.GetBytes("{\"channel\":\"push.deal\",\"data\":{\"M\":1,\"O\":1,\"T\":1,\"p\":6866.5,\"t\":1587442049632,\"v\":2362},\"symbol\":\"BTC_USDT\",\"ts\":1587442049632}");
        Assert.That(futures.ProcessFrame(frame, 0, ref recorder), Is.EqualTo(FrameOutcome.Trade));
        var array = Encoding.UTF8.GetBytes("{\"channel\":\"push.deal\",\"data\":[{\"p\":6866.5,\"v\":1,\"T\":2,\"t\":1}],\"symbol\":\"BTC_USDT\",\"ts\":1}");
        Assert.That(futures.ProcessFrame(array, 0, ref recorder), Is.EqualTo(FrameOutcome.Trade));
        Assert.That(recorder.Trades[^2].Amount, Is.EqualTo(2362_00000000L));
        Assert.That(recorder.Trades[^1].Amount, Is.EqualTo(-1_00000000L));
    }

    [Test]
    public void RepliesAndPongsAreCounted()
    {
        var spot = NewSession();
        Assert.That(spot.ProcessFrame("{\"id\":0,\"code\":0,\"msg\":\"spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT\"}"u8, 0), Is.EqualTo(FrameOutcome.Reply));
        Assert.That(spot.ProcessFrame("{\"id\":0,\"code\":0,\"msg\":\"PONG\"}"u8, 0), Is.EqualTo(FrameOutcome.Reply));
        Assert.That(spot.ProcessFrame("{\"id\":0,\"code\":400,\"msg\":\"Not Subscribed\"}"u8, 0), Is.EqualTo(FrameOutcome.Error));

        var futures = NewSession(MexcMarket.Futures);
        Assert.That(futures.ProcessFrame("{\"channel\":\"rs.sub.depth\",\"data\":\"success\",\"ts\":1}"u8, 0), Is.EqualTo(FrameOutcome.Reply));
        Assert.That(futures.ProcessFrame("{\"channel\":\"pong\",\"data\":1587453241453}"u8, 0), Is.EqualTo(FrameOutcome.Reply));
        Assert.That(futures.ProcessFrame("{\"channel\":\"rs.error\",\"data\":\"bad\",\"ts\":1}"u8, 0), Is.EqualTo(FrameOutcome.Error));
    }

    [Test]
    public void SubscribeQueuesDocumentedMessages()
    {
        var spot = NewSession();
        spot.Subscribe("BTCUSDT");
        Assert.That(Drain(spot), Is.EqualTo(SpotSubscriptions));
        Assert.That(spot.QueuePing() && Drain(spot).Single() == "{\"method\":\"PING\"}");

        var futures = NewSession(MexcMarket.Futures);
        futures.Subscribe("BTC_USDT");
        Assert.That(Drain(futures), Is.EqualTo(FuturesSubscriptions));
    }

    private static List<string> Drain(MexcMarketDataSession session)
    {
        var messages = new List<string>();
        while (session.Outbound.TryPeek(out var message))
        {
            messages.Add(Encoding.UTF8.GetString(message));
            session.Outbound.Advance();
        }

        return messages;
    }
}
