using Velox.MarketData.Sync;
using Velox.Venues.Kraken.Parsing;
using Velox.Venues.Kraken.Session;

namespace Velox.Venues.Kraken.Tests.Session;

public sealed class BadInputTests
{
    private const string Snapshot = "[42,{\"as\":[[\"101.0\",\"1.0\",\"1.1\"]],\"bs\":[[\"100.0\",\"1.0\",\"1.1\"]]},\"book-10\",\"XBT/USD\"]";

    [TestCase("", FrameError.Empty)]
    [TestCase("   ", FrameError.Empty)]
    [TestCase("not json", FrameError.Malformed)]
    [TestCase("{\"event\":", FrameError.Malformed)]
    [TestCase("[42,{\"a\":[]}", FrameError.Malformed)]
    [TestCase("[42,\"book-10\",\"XBT/USD\"]", FrameError.Malformed)]
    [TestCase("[7,{\"a\":[]},\"book-10\",\"XBT/USD\"]", FrameError.UnknownChannel)]
    [TestCase("{\"errorMessage\":\"Currency pair not supported\",\"event\":\"subscriptionStatus\",\"pair\":\"XBT/USDX\",\"status\":\"error\",\"subscription\":{\"name\":\"book\"}}", FrameError.VenueError)]
    [TestCase("[43,[[\"abc\",\"1.0\",\"1618678142.557535\",\"s\",\"l\",\"\"]],\"trade\",\"XBT/USD\"]", FrameError.InvalidNumber)]
    [TestCase("[43,[[\"1.0\",\"1.0\",\"1618678142.557535\",\"x\",\"l\",\"\"]],\"trade\",\"XBT/USD\"]", FrameError.InvalidValue)]
    [TestCase("[43,[[\"1.0\",\"1.0\"]],\"trade\",\"XBT/USD\"]", FrameError.Malformed)]
    [TestCase("[44,{\"a\":{\"x\":1}},\"ticker\",\"XBT/USD\"]", FrameError.UnexpectedType)]
    [TestCase("[44,{\"c\":[\"1.00000000001\",\"1\"]},\"ticker\",\"XBT/USD\"]", FrameError.TooManyDecimals)]
    public void RejectedFramesAreCountedNeverThrown(string frame, FrameError expected)
    {
        var session = Subscribed();

        Assert.That(session.Feed(frame), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(expected));
        Assert.That(session.Stats.ErrorsFor(expected), Is.EqualTo(1));
    }

    [TestCase("{\"a\":[[\"101.0\",\"1.0\"]],\"c\":\"1\"}", FrameError.Malformed)]
    [TestCase("{\"a\":[[\"101.0\",\"x\",\"1.2\"]],\"c\":\"1\"}", FrameError.InvalidNumber)]
    [TestCase("{\"a\":[[\"-101.0\",\"1.0\",\"1.2\"]],\"c\":\"1\"}", FrameError.InvalidValue)]
    [TestCase("{\"a\":[[\"101.0\",\"999999999999.0\",\"1.2\"]],\"c\":\"1\"}", FrameError.NumberOverflow)]
    [TestCase("{\"a\":[],\"bs\":[]}", FrameError.Malformed)]
    [TestCase("{\"a\":[],\"c\":\"-5\"}", FrameError.Malformed)]
    [TestCase("{\"a\":[]},{\"as\":[]}", FrameError.UnexpectedBookMessage)]
    public void MalformedBookFrameResyncsTheBook(string dicts, FrameError expected)
    {
        var session = Subscribed();
        session.Feed(Snapshot);
        session.Drain();

        Assert.That(session.Feed("[42," + dicts + ",\"book-10\",\"XBT/USD\"]"), Is.EqualTo(FrameOutcome.Error));

        var book = session.Find(KrakenChannel.Book, "XBT/USD")!;
        Assert.That(session.LastError, Is.EqualTo(expected));
        Assert.That(book.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(book.LastResyncReason, Is.EqualTo(ResyncReason.MalformedFrame));
        Assert.That(session.Drain(), Has.Count.EqualTo(2), "unsubscribe + subscribe");
    }

    [Test]
    public void TruncatedRecordedFramesNeverThrow()
    {
        var session = KrakenTestSupport.NewSession();
        foreach (var frame in KrakenTestSupport.RecordedFrames("kraken/cryptofeed_KRAKEN.ws.50.0").Take(60))
        {
            for (var cut = 0; cut < frame.Length; cut += 11)
            {
                session.ProcessFrame(frame.AsSpan(0, cut), 0);
            }

            session.ProcessFrame(frame, 0);
        }

        Assert.That(session.Stats.ErrorsFor(FrameError.Internal), Is.Zero);
        Assert.That(session.Stats.Errors, Is.GreaterThan(0));
    }

    private static KrakenMarketDataSession Subscribed()
    {
        var session = KrakenTestSupport.NewSession();
        session.Feed("{\"channelID\":42,\"channelName\":\"book-10\",\"event\":\"subscriptionStatus\",\"pair\":\"XBT/USD\",\"status\":\"subscribed\",\"subscription\":{\"depth\":10,\"name\":\"book\"}}");
        session.Feed("{\"channelID\":43,\"channelName\":\"trade\",\"event\":\"subscriptionStatus\",\"pair\":\"XBT/USD\",\"status\":\"subscribed\",\"subscription\":{\"name\":\"trade\"}}");
        session.Feed("{\"channelID\":44,\"channelName\":\"ticker\",\"event\":\"subscriptionStatus\",\"pair\":\"XBT/USD\",\"status\":\"subscribed\",\"subscription\":{\"name\":\"ticker\"}}");
        return session;
    }
}
