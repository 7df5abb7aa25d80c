using System.Text;
using Velox.Venues.Coinbase.Parsing;
using Velox.Venues.Coinbase.Session;
using static Velox.Venues.Coinbase.Tests.Session.SessionTestSupport;

namespace Velox.Venues.Coinbase.Tests.Session;

public sealed class BadInputTests
{
    [TestCase("", FrameError.Empty)]
    [TestCase("[1,2]", FrameError.Malformed)]
    [TestCase("{\"type\":\"snapshot\"", FrameError.Malformed)]
    [TestCase("{\"product_id\":\"BTC-USD\"}", FrameError.UnexpectedType)]
    [TestCase("{\"type\":\"done\",\"product_id\":\"BTC-USD\"}", FrameError.UnknownMessageType)]
    [TestCase("{\"type\":\"error\",\"message\":\"Failed to subscribe\"}", FrameError.VenueError)]
    [TestCase("{\"type\":\"match\",\"product_id\":\"BTC-USD\",\"price\":\"1\"}", FrameError.UnexpectedType)]
    [TestCase("{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"1e99\",\"price\":\"1\",\"product_id\":\"BTC-USD\",\"time\":\"2021-04-17T16:43:37Z\"}", FrameError.NumberOverflow)]
    [TestCase("{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"sequence\":\"x\"}", FrameError.InvalidNumber)]
    [TestCase("{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"bids\":[[\"1\",\"0\"]],\"asks\":[]}", FrameError.InvalidValue)]
    [TestCase("{\"type\":\"heartbeat\"} trailing", FrameError.Malformed)]
    [TestCase("{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"changes\":{}}", FrameError.UnexpectedType)]
    public void RejectsWithReason(string frame, FrameError reason)
    {
        var session = NewSession();
        Assert.That(session.Feed(frame), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(reason));
    }

    [Test]
    public void TruncatedL2UpdateOfABookInSync_ResubscribesThatBook()
    {
        var session = NewSession();
        Assert.That(session.Feed(Snapshot), Is.EqualTo(FrameOutcome.BookSnapshot));
        var update = L2("buy", "99.75", "1");

        Assert.That(session.Feed(update[..(update.Length / 2)]), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(FrameError.Malformed));
        Assert.That(session.Products[0].State, Is.Not.EqualTo(Velox.MarketData.Sync.BookSyncState.InSync), "a lost update leaves the book wrong");
        var requests = session.DrainOutbound();
        Assert.That(requests, Has.Count.EqualTo(2));
        Assert.That(requests[0], Does.StartWith("{\"type\":\"unsubscribe\"").And.Contain("\"level2\""));
        Assert.That(requests[1], Does.StartWith("{\"type\":\"subscribe\"").And.Contain("\"level2\""));

        // A truncated frame that names no product cannot be attributed: only the error is counted.
        Assert.That(session.Feed(Snapshot), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(session.Feed("{\"type\":\"l2update\",\"prod"), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.Products[0].State, Is.EqualTo(Velox.MarketData.Sync.BookSyncState.InSync));
        Assert.That(session.DrainOutbound(), Is.Empty);
    }

    [Test]
    public void GarbageAndTruncationsNeverThrow()
    {
        var session = NewSession();
        var valid = Encoding.UTF8.GetBytes(Snapshot);
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var frame = valid.AsSpan(0, random.Next(valid.Length + 1)).ToArray();
            if (i % 3 == 0 && frame.Length > 0)
            {
                frame[random.Next(frame.Length)] = (byte)random.Next(256);
            }

            Assert.DoesNotThrow(() => session.ProcessFrame(frame, 0));
        }

        Assert.That(session.Stats.ErrorsFor(FrameError.Internal), Is.Zero);
    }
}
