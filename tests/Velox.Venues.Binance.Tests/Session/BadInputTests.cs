using System.Text;
using Velox.MarketData.Feeds;
using Velox.MarketData.Sync;
using Velox.Venues.Binance.Session;
using static Velox.Venues.Binance.Tests.Session.SessionTestSupport;

namespace Velox.Venues.Binance.Tests.Session;

public sealed class BadInputTests
{
    [TestCase("", FeedError.Empty)]
    [TestCase("   ", FeedError.Empty)]
    [TestCase("[1,2]", FeedError.Malformed)]
    [TestCase("{\"stream\":\"x\",\"data\":{\"e\":\"trade\"", FeedError.Malformed)]
    [TestCase("{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"1\",\"q\":\"1\"}", FeedError.UnexpectedType)]
    [TestCase("{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"abc\",\"q\":\"1\",\"m\":true}", FeedError.InvalidNumber)]
    [TestCase("{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"1.123456789\",\"q\":\"1\",\"m\":true}", FeedError.TooManyDecimals)]
    [TestCase("{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"99999999999999\",\"q\":\"1\",\"m\":true}", FeedError.NumberOverflow)]
    [TestCase("{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"-1\",\"q\":\"1\",\"m\":true}", FeedError.InvalidValue)]
    [TestCase("{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"t\":\"x\",\"p\":\"1\",\"q\":\"1\",\"m\":true}", FeedError.UnexpectedType)]
    [TestCase("{\"lastUpdateId\":1,\"bids\":[],\"asks\":[]}", FeedError.UnexpectedSnapshot)]
    public void BadFramesAreCountedWithTheirReason(string frame, FeedError expected)
    {
        var session = NewSession();
        session.SubscribeDepth();
        Assert.That(session.Feed(frame), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(expected));
        Assert.That(session.Stats.ErrorsFor(expected), Is.EqualTo(1));
    }

    [TestCase("[[\"100.00\",\"x\"]]")]
    [TestCase("[[\"100.00\",\"-1\"]]")]
    [TestCase("[[\"100.00\"]]")]
    [TestCase("[[\"100.00\",\"1\"],]")]
    public void MalformedDiffOfAnInSyncBookResyncsIt(string bids)
    {
        var session = NewSession();
        var symbol = session.SubscribeDepth();
        session.Snapshot(symbol, SnapshotBody(100));
        Assert.That(session.Feed(Diff(101, 101, bids)), Is.EqualTo(FrameOutcome.Error));
        Assert.That(symbol.Depth!.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(symbol.Depth.LastResyncReason, Is.EqualTo(ResyncReason.MalformedFrame));
        Assert.That(session.TryTakeSnapshotRequest(out _), Is.True);
    }

    [Test]
    public void TruncatedDiffOfAKnownBookResyncsIt()
    {
        var session = NewSession();
        var symbol = session.SubscribeDepth();
        session.Snapshot(symbol, SnapshotBody(100));
        var diff = Diff(101, 101);
        Assert.That(session.Feed(diff[..(diff.Length - 12)]), Is.EqualTo(FrameOutcome.Error));
        Assert.That(symbol.Depth!.State, Is.EqualTo(BookSyncState.Resyncing));
    }

    [Test]
    public void BadSnapshotBodyIsRejectedAndAskedForAgain()
    {
        var session = NewSession();
        var symbol = session.SubscribeDepth();
        session.Feed(Diff(101, 101));
        session.TryTakeSnapshotRequest(out _);
        Assert.That(session.Snapshot(symbol, "{\"lastUpdateId\":100,\"bids\":[[\"1\",\"x\"]],\"asks\":[]}"), Is.EqualTo(FrameOutcome.Error));
        Assert.That(symbol.Depth!.State, Is.Not.EqualTo(BookSyncState.InSync));
        Assert.That(session.TryTakeSnapshotRequest(out _), Is.True);
        Assert.That(session.Snapshot(symbol, "<html>502</html>"), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.TryTakeSnapshotRequest(out _), Is.True);
    }

    [Test]
    public void GarbageNeverThrowsAndNeverReachesTheInternalCounter()
    {
        var session = NewSession();
        var symbol = session.SubscribeDepth();
        session.Snapshot(symbol, SnapshotBody(100));
        var random = new Random(7);
        var valid = Encoding.UTF8.GetBytes(Diff(101, 101, "[[\"100.00\",\"1\"],[\"99.50\",\"2\"]]", "[[\"101.5\",\"3\"]]"));
        for (var i = 0; i < 20_000; i++)
        {
            var frame = (byte[])valid.Clone();
            var flips = random.Next(1, 4);
            for (var k = 0; k < flips; k++)
            {
                frame[random.Next(frame.Length)] = (byte)random.Next(256);
            }

            var length = random.Next(2) == 0 ? frame.Length : random.Next(frame.Length);
            Assert.DoesNotThrow(() => session.ProcessFrame(frame.AsSpan(0, length), 0));
        }

        Assert.That(session.Stats.ErrorsFor(FeedError.Internal), Is.Zero);
        Assert.That(session.Stats.Errors, Is.GreaterThan(0));
    }
}
