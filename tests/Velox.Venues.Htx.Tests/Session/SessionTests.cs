using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Sync;
using Velox.Venues.Htx.Parsing;
using Velox.Venues.Htx.Session;
using static Velox.Venues.Htx.Tests.RecordedFrames;

namespace Velox.Venues.Htx.Tests.Session;

public sealed class SessionTests
{
    private const string Topic = "market.btcusdt.depth.step0";

    [Test]
    public void PingIsAnsweredWithPongInTheOutboundQueue()
    {
        var session = NewSession();
        Assert.That(session.ProcessFrame(Gzip("{\"ping\":1618678073643}"), 0), Is.EqualTo(FrameOutcome.Ping));
        Assert.That(session.Outbound.TryPeek(out var pong), Is.True);
        Assert.That(Encoding.ASCII.GetString(pong), Is.EqualTo("{\"pong\":1618678073643}"));
    }

    [Test]
    public void EveryPushReplacesTheBook()
    {
        var session = NewSession();
        var subscription = session.Find(Topic)!;
        Assert.That(subscription.State, Is.EqualTo(BookSyncState.AwaitingSnapshot));

        Assert.That(session.ProcessFrame(Gzip(Depth(1, "[60000.1,0.5],[59999,1.25]", "[60001,2]")), 0), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(subscription.State, Is.EqualTo(BookSyncState.InSync));
        session.ProcessFrame(Gzip(Depth(2, "[59000,1]", "[61000,3],[61001,4]")), 0);

        var book = subscription.Book!;
        Assert.That((book.Bids.Count, book.Asks.Count), Is.EqualTo((1, 2)));
        Assert.That(book.Bids.Best.Price, Is.EqualTo(59000_00000000000));
        Assert.That(book.Asks.Best.Size, Is.EqualTo(3_00000000));
    }

    [Test]
    public void MalformedPushClearsTheBookUntilTheNextPush()
    {
        var session = NewSession();
        var subscription = session.Find(Topic)!;
        session.ProcessFrame(Gzip(Depth(1, "[60000,1]", "[60001,1]")), 0);

        Assert.That(session.ProcessFrame(Gzip(Depth(2, "[60000,\"x\"]", "[60001,1]")), 0), Is.EqualTo(FrameOutcome.Error));
        Assert.That(subscription.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(subscription.LastResyncReason, Is.EqualTo(ResyncReason.MalformedFrame));
        Assert.That(subscription.Book!.Bids.Count, Is.Zero);

        session.ProcessFrame(Gzip(Depth(3, "[60000,1]", "[60001,1]")), 0);
        Assert.That(subscription.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(session.Stats.Resyncs, Is.EqualTo(1));
    }

    [Test]
    public void OlderVersionIsDropped()
    {
        var session = NewSession();
        session.ProcessFrame(Gzip(Depth(5, "[60000,1]", "[60001,1]")), 0);
        Assert.That(session.ProcessFrame(Gzip(Depth(4, "[1,1]", "[2,1]")), 0), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(FrameError.StaleSequence));
        Assert.That(session.Find(Topic)!.Book!.Bids.Best.Price, Is.EqualTo(60000_00000000000));
    }

    [TestCase(new byte[0], FrameError.Empty)]
    [TestCase(new byte[] { 0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, FrameError.BadCompression)]
    [TestCase(new byte[] { (byte)'{', (byte)'}' }, FrameError.UnknownMessageType)]
    [TestCase(new byte[] { (byte)'[', (byte)'1', (byte)']' }, FrameError.Malformed)]
    public void BadFramesAreCounted(byte[] frame, FrameError reason)
    {
        var session = NewSession();
        Assert.That(session.ProcessFrame(frame, 0), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(reason));
    }

    [Test]
    public void ErrorStatusAndUnknownTopicsAreCounted()
    {
        var session = NewSession();
        session.ProcessFrame(Gzip("{\"status\":\"error\",\"err-code\":\"bad-request\",\"err-msg\":\"invalid topic\"}"), 0);
        Assert.That(session.LastError, Is.EqualTo(FrameError.VenueError));
        session.ProcessFrame(Gzip("{\"ch\":\"market.ethusdt.depth.step0\",\"tick\":{\"bids\":[],\"asks\":[]}}"), 0);
        Assert.That(session.LastError, Is.EqualTo(FrameError.UnknownChannel));
    }

    [Test]
    public void TradesAreNormalizedAndDuplicatesDropped()
    {
        var session = NewSession();
        session.SubscribeTrades("btcusdt");
        var frame = Gzip("{\"ch\":\"market.btcusdt.trade.detail\",\"ts\":1,\"tick\":{\"id\":1,\"ts\":1,\"data\":[{\"id\":100182534526255757567432481,\"ts\":1618678027940,\"tradeId\":100045088885,\"amount\":0.5,\"price\":60000.5,\"direction\":\"sell\"}]}}");
        Assert.That(session.ProcessFrame(frame, 0), Is.EqualTo(FrameOutcome.Trades));
        Assert.That(session.ProcessFrame(frame, 0), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(FrameError.StaleSequence));
        Assert.That(session.Stats.Trades, Is.EqualTo(1));

        // Newest first, as HTX sends them; 100045088886 was lost.
        var next = Gzip("{\"ch\":\"market.btcusdt.trade.detail\",\"ts\":2,\"tick\":{\"id\":2,\"ts\":2,\"data\":[{\"tradeId\":100045088888,\"ts\":2,\"amount\":1,\"price\":1,\"direction\":\"buy\"},{\"tradeId\":100045088887,\"ts\":2,\"amount\":1,\"price\":1,\"direction\":\"buy\"}]}}");
        Assert.That(session.ProcessFrame(next, 0), Is.EqualTo(FrameOutcome.Trades));
        Assert.That(session.Stats.TradeIdGaps, Is.EqualTo(1));
        Assert.That(session.Stats.Trades, Is.EqualTo(3));
    }

    [Test]
    public void GarbageNeverThrows()
    {
        var session = NewSession();
        var valid = Gzip(Depth(1, "[60000,1]", "[60001,1]"));
        var random = new Random(5);
        for (var i = 0; i < 20_000; i++)
        {
            var frame = (byte[])valid.Clone();
            frame[random.Next(frame.Length)] = (byte)random.Next(256);
            Assert.DoesNotThrow(() => session.ProcessFrame(frame, 0));
        }

        Assert.That(session.Stats.ErrorsFor(FrameError.Internal), Is.Zero);
    }

    private static HtxMarketDataSession NewSession()
    {
        var session = new HtxMarketDataSession(new InstrumentRegistry());
        session.SubscribeDepth("btcusdt");
        session.Outbound.Clear();
        return session;
    }

    private static string Depth(long version, string bids, string asks) =>
        $"{{\"ch\":\"{Topic}\",\"ts\":1618678069870,\"tick\":{{\"bids\":[{bids}],\"asks\":[{asks}],\"version\":{version},\"ts\":1618678069868}}}}";
}
