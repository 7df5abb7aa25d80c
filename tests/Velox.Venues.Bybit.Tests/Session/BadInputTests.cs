using System.Text;
using Velox.MarketData.Sync;
using Velox.Venues.Bybit.Parsing;
using Velox.Venues.Bybit.Session;
using static Velox.Venues.Bybit.Tests.Session.BybitTestSupport;

namespace Velox.Venues.Bybit.Tests.Session;

public sealed class BadInputTests
{
    private const string Trade = "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":1,\"s\":\"BTCUSDT\",\"S\":\"Buy\",";

    [TestCase("", FrameError.Empty)]
    [TestCase("   ", FrameError.Empty)]
    [TestCase("pong", FrameError.Malformed)]
    [TestCase("{\"topic\":\"orderbook.50.BTCUSDT\"", FrameError.Malformed)]
    [TestCase("{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\"}", FrameError.Malformed)]
    [TestCase("{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"data\":\"x\"}", FrameError.Malformed)]
    [TestCase("{\"topic\":\"orderbook.50.ETHUSDT\",\"type\":\"delta\",\"data\":{}}", FrameError.UnknownChannel)]
    [TestCase("{\"topic\":\"allLiquidation.BTCUSDT\",\"type\":\"snapshot\",\"data\":[]}", FrameError.UnknownChannel)]
    [TestCase("{\"success\":false,\"ret_msg\":\"error:handler not found\",\"op\":\"subscribe\"}", FrameError.VenueError)]
    [TestCase(Trade + "\"v\":\"1\",\"p\":\"abc\",\"i\":\"1\"}]}", FrameError.InvalidNumber)]
    [TestCase(Trade + "\"v\":\"1\",\"p\":\"1.00000000001\",\"i\":\"1\"}]}", FrameError.TooManyDecimals)]
    [TestCase(Trade + "\"v\":\"1\",\"p\":\"1\",\"i\":\"not-an-id\"}]}", FrameError.InvalidValue)]
    [TestCase(Trade + "\"v\":\"1\",\"p\":\"1\"}]}", FrameError.InvalidValue)]
    [TestCase("{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"data\":{}}", FrameError.UnexpectedType)]
    [TestCase("{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"lastPrice\":[1]}}", FrameError.UnexpectedType)]
    [TestCase("{\"topic\":\"tickers.BTCUSDT\",\"type\":\"update\",\"data\":{}}", FrameError.UnknownType)]
    public void RejectedFramesAreCountedNeverThrown(string frame, FrameError expected)
    {
        var session = Subscribed();

        Assert.That(session.Feed(frame), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(expected));
        Assert.That(session.Stats.ErrorsFor(expected), Is.EqualTo(1));
    }

    [TestCase("\"b\":[[\"100\",\"1\",\"x\"]],\"a\":[],\"u\":11}", FrameError.Malformed)]
    [TestCase("\"b\":[[\"100\",\"x\"]],\"a\":[],\"u\":11}", FrameError.InvalidNumber)]
    [TestCase("\"b\":[[\"-100\",\"1\"]],\"a\":[],\"u\":11}", FrameError.InvalidValue)]
    [TestCase("\"b\":[[\"100\",\"999999999999\"]],\"a\":[],\"u\":11}", FrameError.NumberOverflow)]
    [TestCase("\"b\":[],\"u\":11}", FrameError.Malformed)]
    [TestCase("\"b\":[],\"a\":[]}", FrameError.Malformed)]
    [TestCase("\"b\":[],\"a\":[],\"u\":\"abc\"}", FrameError.Malformed)]
    public void MalformedBookFrameResyncsTheBook(string body, FrameError expected)
    {
        var session = Subscribed();
        session.Feed(Snapshot(10));

        Assert.That(session.Feed($"{{\"topic\":\"{BookTopic}\",\"type\":\"delta\",\"data\":{{{body}}}"), Is.EqualTo(FrameOutcome.Error));

        var book = session.Find(BookTopic)!;
        Assert.That(session.LastError, Is.EqualTo(expected));
        Assert.That(book.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(book.LastResyncReason, Is.EqualTo(ResyncReason.MalformedFrame));
        Assert.That(session.Drain(), Has.Count.EqualTo(2), "unsubscribe + subscribe");
    }

    [Test]
    public void SnapshotWithAZeroSizeIsRejectedAndLeavesNoHalfBook()
    {
        var session = Subscribed();

        Assert.That(session.Feed(Snapshot(10, bids: "[\"100\",\"1\"],[\"99\",\"0\"]")), Is.EqualTo(FrameOutcome.Error));

        var book = session.Find(BookTopic)!;
        Assert.That(session.LastError, Is.EqualTo(FrameError.InvalidValue));
        Assert.That(book.Book!.Bids.Count, Is.Zero);
        Assert.That(book.State, Is.EqualTo(BookSyncState.Resyncing));
    }

    [Test]
    public void TruncatedRecordedFramesNeverThrow()
    {
        var session = NewSession();
        var frames = AdoptRecorded(session, 0).Take(120).ToList();
        foreach (var frame in frames)
        {
            for (var cut = 0; cut < frame.Length; cut += 7)
            {
                session.ProcessFrame(frame.AsSpan(0, cut), 0);
            }
        }

        Assert.That(session.Stats.ErrorsFor(FrameError.Internal), Is.Zero);
        Assert.That(session.Stats.Errors, Is.GreaterThan(1000));
    }

    [Test]
    public void GarbageBytesNeverThrow()
    {
        var session = Subscribed();
        var random = new Random(7);
        var buffer = new byte[300];
        var alphabet = Encoding.UTF8.GetBytes("{}[]\",:0123456789.-eabuTSpvi topicdatyesnhl");
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(buffer.Length);
            for (var j = 0; j < length; j++)
            {
                buffer[j] = alphabet[random.Next(alphabet.Length)];
            }

            session.ProcessFrame(buffer.AsSpan(0, length), 0);
        }

        Assert.That(session.Stats.ErrorsFor(FrameError.Internal), Is.Zero);
    }
}
