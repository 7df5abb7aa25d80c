using Velox.MarketData.Sync;
using Velox.Venues.Okx.Parsing;
using Velox.Venues.Okx.Session;

namespace Velox.Venues.Okx.Tests.Session;

public sealed class BadInputTests
{
    private const string Arg = "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},";
    private const string GoodSnapshot = Arg + "\"action\":\"snapshot\",\"data\":[{\"asks\":[[\"101\",\"1\",\"0\",\"1\"]],\"bids\":[[\"100\",\"1\",\"0\",\"1\"]],\"ts\":\"1\"}]}";

    [TestCase("", FrameError.Empty)]
    [TestCase("   ", FrameError.Empty)]
    [TestCase("not json", FrameError.Malformed)]
    [TestCase("{\"arg\":{\"channel\":\"books\"", FrameError.Malformed)]
    [TestCase("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"data\":[", FrameError.Malformed)]
    [TestCase("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}}", FrameError.Malformed)]
    [TestCase("{\"arg\":{\"channel\":\"candle1m\",\"instId\":\"BTC-USDT\"},\"data\":[]}", FrameError.UnknownChannel)]
    [TestCase("{\"arg\":{\"channel\":\"books\",\"instId\":\"ETH-USDT\"},\"action\":\"update\",\"data\":[]}", FrameError.UnknownChannel)]
    [TestCase("{\"event\":\"error\",\"code\":\"60012\",\"msg\":\"Invalid request\"}", FrameError.VenueError)]
    [TestCase("{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"tradeId\":\"1\",\"px\":\"abc\",\"sz\":\"1\",\"side\":\"buy\",\"ts\":\"1\"}]}", FrameError.InvalidNumber)]
    [TestCase("{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"tradeId\":\"1\",\"px\":\"1\",\"sz\":\"1\",\"side\":\"up\",\"ts\":\"1\"}]}", FrameError.InvalidValue)]
    [TestCase("{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"tradeId\":\"1\",\"px\":\"1.0000000000001\",\"sz\":\"1\",\"side\":\"buy\",\"ts\":\"1\"}]}", FrameError.TooManyDecimals)]
    [TestCase("{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"data\":[{\"last\":[1]}]}", FrameError.UnexpectedType)]
    public void RejectedFramesAreCountedNeverThrown(string frame, FrameError expected)
    {
        var session = Subscribed();

        Assert.That(session.Feed(frame), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(expected));
        Assert.That(session.Stats.ErrorsFor(expected), Is.EqualTo(1));
    }

    [TestCase("\"action\":\"update\",\"data\":[{\"asks\":[[\"101\",\"1\",\"0\"]],\"bids\":[],\"ts\":\"2\"}]}", FrameError.Malformed)]
    [TestCase("\"action\":\"update\",\"data\":[{\"asks\":[[\"101\",\"x\",\"0\",\"1\"]],\"bids\":[],\"ts\":\"2\"}]}", FrameError.InvalidNumber)]
    [TestCase("\"action\":\"update\",\"data\":[{\"asks\":[[\"-101\",\"1\",\"0\",\"1\"]],\"bids\":[],\"ts\":\"2\"}]}", FrameError.InvalidValue)]
    [TestCase("\"action\":\"update\",\"data\":[{\"asks\":[[\"101\",\"99999999999999\",\"0\",\"1\"]],\"bids\":[],\"ts\":\"2\"}]}", FrameError.NumberOverflow)]
    [TestCase("\"action\":\"update\",\"data\":[{\"asks\":[],\"ts\":\"2\"}]}", FrameError.Malformed)]
    [TestCase("\"action\":\"partial\",\"data\":[{\"asks\":[],\"bids\":[],\"ts\":\"2\"}]}", FrameError.UnknownAction)]
    [TestCase("\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[],\"checksum\":\"abc\"}]}", FrameError.Malformed)]
    public void MalformedBookFrameResyncsTheBook(string tail, FrameError expected)
    {
        var session = Subscribed();
        session.Feed(GoodSnapshot);
        session.Drain();

        Assert.That(session.Feed(Arg + tail), Is.EqualTo(FrameOutcome.Error));

        var book = session.Find(OkxChannel.Books, "BTC-USDT")!;
        Assert.That(session.LastError, Is.EqualTo(expected));
        Assert.That(book.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(book.LastResyncReason, Is.EqualTo(ResyncReason.MalformedFrame));
        Assert.That(session.Drain(), Has.Count.EqualTo(2), "unsubscribe + subscribe");
    }

    [Test]
    public void TruncatedRecordedFramesNeverThrow()
    {
        var session = OkxTestSupport.NewSession();
        foreach (var frame in OkxTestSupport.RecordedFrames().Take(60))
        {
            for (var cut = 0; cut < frame.Length; cut += 7)
            {
                session.ProcessFrame(frame.AsSpan(0, cut), 0);
            }

            session.ProcessFrame(frame, 0);
        }

        Assert.That(session.Stats.ErrorsFor(FrameError.Internal), Is.Zero);
        Assert.That(session.Stats.Errors, Is.GreaterThan(0));
    }

    [Test]
    public void SubscribeEventsAreAdoptedAndPongIsCounted()
    {
        var session = OkxTestSupport.NewSession();

        Assert.That(session.Feed("{\"event\":\"subscribe\",\"arg\":{\"channel\":\"tickers\",\"instId\":\"UNI-USD-SWAP\"}}"), Is.EqualTo(FrameOutcome.Event));
        Assert.That(session.Feed("pong"), Is.EqualTo(FrameOutcome.Pong));
        Assert.That(session.Find(OkxChannel.Tickers, "UNI-USD-SWAP"), Is.Not.Null);
    }

    private static OkxMarketDataSession Subscribed()
    {
        var session = OkxTestSupport.NewSession();
        session.Subscribe(OkxChannel.Books, "BTC-USDT");
        session.Subscribe(OkxChannel.Trades, "BTC-USDT");
        session.Subscribe(OkxChannel.Tickers, "BTC-USDT");
        session.Drain();
        return session;
    }
}
