using Velox.MarketData.Feeds;
using Velox.MarketData.Sync;
using Velox.Venues.Mexc.Session;
using static Velox.Venues.Mexc.Tests.Session.MexcMessages;

namespace Velox.Venues.Mexc.Tests.Session;

public sealed class BadInputTests
{
    [Test]
    public void EveryTruncationAndBitFlipOfASpotPushIsHandledWithoutThrowing()
    {
        var session = NewSession();
        var symbol = session.Subscribe("BTCUSDT");
        var good = SpotDepth(101, 101, [("100.00", "1")], [("101.00", "2")]);
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            var frame = i < good.Length ? good[..i] : (byte[])good.Clone();
            if (i >= good.Length)
            {
                frame[random.Next(frame.Length)] = (byte)random.Next(256);
            }

            session.ApplySnapshot(symbol, SpotSnapshot(100), 0);
            Assert.DoesNotThrow(() => session.ProcessFrame(frame, 0));
        }

        Assert.That(session.Stats.ErrorsFor(FeedError.Internal), Is.Zero);
        Assert.That(session.Stats.Errors, Is.GreaterThan(0));
    }

    [TestCase("")]
    [TestCase("{")]
    [TestCase("{\"channel\":\"push.depth\",\"data\":{\"asks\":[[1,2]],\"bids\":[]},\"symbol\":\"BTC_USDT\"}")]
    [TestCase("{\"channel\":\"push.depth\",\"data\":{\"asks\":[[1,2],\"bids\":[],\"version\":5},\"symbol\":\"BTC_USDT\"}")]
    [TestCase("{\"channel\":\"push.depth\",\"data\":{\"asks\":[[\"x\",2]],\"bids\":[],\"version\":5},\"symbol\":\"BTC_USDT\"}")]
    [TestCase("{\"channel\":\"push.depth\",\"data\":{\"asks\":[[-1,2]],\"bids\":[],\"version\":5},\"symbol\":\"BTC_USDT\"}")]
    [TestCase("{\"channel\":\"push.depth\",\"data\":{\"asks\":[],\"bids\":[],\"version\":5},\"symbol\":\"ETH_USDT\"}")]
    [TestCase("{\"channel\":\"push.deal\",\"data\":{\"p\":1,\"v\":1,\"T\":3,\"t\":1},\"symbol\":\"BTC_USDT\"}")]
    [TestCase("{\"channel\":\"push.deal\",\"data\":[{\"p\":1,\"v\":1,\"T\":1,\"t\":1},],\"symbol\":\"BTC_USDT\"}")]
    public void MalformedFuturesFramesAreRejectedAndCounted(string text)
    {
        var session = NewSession(MexcMarket.Futures);
        var symbol = session.Subscribe("BTC_USDT");
        session.ApplySnapshot(symbol, FuturesSnapshot(4), 0);
        Assert.That(session.ProcessFrame(System.Text.Encoding.UTF8.GetBytes(text), 0), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.Stats.ErrorsFor(FeedError.Internal), Is.Zero);
    }

    [Test]
    public void BadLevelInAnInSyncPushResyncsTheBook()
    {
        var session = NewSession();
        var symbol = session.Subscribe("BTCUSDT");
        session.ApplySnapshot(symbol, SpotSnapshot(100), 0);
        Assert.That(session.ProcessFrame(SpotDepth(101, 101, [("abc", "1")]), 0), Is.EqualTo(FrameOutcome.Error));
        Assert.That(symbol.Depth.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(symbol.Depth.LastResyncReason, Is.EqualTo(ResyncReason.MalformedFrame));
    }

    [Test]
    public void BadSnapshotsAreRejectedAndAskedAgain()
    {
        var session = NewSession();
        var symbol = session.Subscribe("BTCUSDT");
        session.ProcessFrame(SpotDepth(101, 102), 0);
        session.TryTakeSnapshotRequest(out _);
        Assert.That(session.ApplySnapshot(symbol, "{\"bids\":[],\"asks\":[]}"u8, 0), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.TryTakeSnapshotRequest(out _));
        Assert.That(session.ApplySnapshot(symbol, "{\"lastUpdateId\":100,\"bids\":[[\"1\"]],\"asks\":[]}"u8, 0), Is.EqualTo(FrameOutcome.Error));
        Assert.That(symbol.Depth.State, Is.Not.EqualTo(BookSyncState.InSync));

        var futures = NewSession(MexcMarket.Futures);
        var contract = futures.Subscribe("BTC_USDT");
        Assert.That(futures.ApplySnapshot(contract, "{\"success\":false,\"code\":1,\"data\":{\"asks\":[],\"bids\":[],\"version\":1}}"u8, 0), Is.EqualTo(FrameOutcome.Error));
    }
}
