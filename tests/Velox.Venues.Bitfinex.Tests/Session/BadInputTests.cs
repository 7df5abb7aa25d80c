using Velox.MarketData.Sync;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Parsing;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Venues.Bitfinex.Tests.Session;

public sealed class BadInputTests
{
    private static readonly object[] Cases =
    [
        new object[] { "", FrameError.Empty },
        new object[] { "   ", FrameError.Empty },
        new object[] { "[", FrameError.UnexpectedType },
        new object[] { "[17", FrameError.Malformed },
        new object[] { "[17,[100,1,2]", FrameError.Malformed },
        new object[] { "[17,[100,1,2]]]", FrameError.Malformed },
        new object[] { "[17,[100,1", FrameError.Malformed },
        new object[] { "[\"x\",[100,1,2]]", FrameError.UnexpectedType },
        new object[] { "[17,{\"a\":1}]", FrameError.UnexpectedType },
        new object[] { "[17,[\"100\",1,2]]", FrameError.Malformed },
        new object[] { "[17,[100,1]]", FrameError.UnexpectedType },
        new object[] { "[17,[100,1,2,3,4]]", FrameError.UnexpectedType },
        new object[] { "[17,[1e400,1,2]]", FrameError.NumberOverflow },
        new object[] { "[17,[1e20,1,2]]", FrameError.NumberOverflow },
        new object[] { "[17,[100,1,0.000000001]]", FrameError.TooManyDecimals },
        new object[] { "[17,[100,1,99999999999999999999]]", FrameError.NumberOverflow },
        new object[] { "[17,[100,-1,2]]", FrameError.InvalidValue },
        new object[] { "[17,[100,1,0]]", FrameError.InvalidValue },
        new object[] { "[17,[1-2,1,2]]", FrameError.InvalidNumber },
        new object[] { "[123456,[100,1,2]]", FrameError.UnknownChannel },
        new object[] { "[99999999999999999999,\"hb\"]", FrameError.InvalidNumber },
        new object[] { "[17,\"cs\"]", FrameError.Malformed },
        new object[] { "[17,\"cs\",99999999999]", FrameError.InvalidNumber },
        new object[] { "{\"event\":\"info\"", FrameError.Malformed },
        new object[] { "{\"event\":\"whatever\"}", FrameError.UnknownEvent },
        new object[] { "{\"event\":\"error\",\"msg\":\"bad\",\"code\":10300}", FrameError.VenueError },
        new object[] { "{\"event\":\"subscribed\",\"channel\":\"book\"}", FrameError.UnknownEvent },
        new object[] { "{}", FrameError.UnknownEvent },
        new object[] { "{\"event\":\"info\"}}", FrameError.Malformed },
        new object[] { "nonsense", FrameError.Malformed },
    ];

    [TestCaseSource(nameof(Cases))]
    public void BadFrameIsCountedWithItsReasonAndNeverThrows(string frame, FrameError expected)
    {
        var session = SessionTestSupport.NewSession();
        session.Feed("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}");
        session.Feed("[17,[[100,1,2],[101,1,-3]]]");

        Assert.That(session.Feed(frame), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(expected));
        Assert.That(session.Stats.ErrorsFor(expected), Is.EqualTo(1));
        Assert.That(session.Stats.ErrorsFor(FrameError.Internal), Is.Zero);

        // A bad book update loses state: the book must not stay InSync.
        var book = session.Find("tBTCUSD", BitfinexChannelType.Book)!;
        if (frame.StartsWith("[17,[", StringComparison.Ordinal) && book.State != BookSyncState.InSync)
        {
            Assert.That(book.LastResyncReason, Is.EqualTo(ResyncReason.MalformedFrame));
        }

        Assert.That(session.Feed("[17,\"hb\"]"), Is.EqualTo(FrameOutcome.Heartbeat), "the session keeps working");
    }

    [Test]
    public void FramesBeforeSubscribeAreUnknownChannels()
    {
        var session = SessionTestSupport.NewSession();
        Assert.That(session.Feed("[5,[[100,1,2]]]"), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.Feed("[5,\"hb\"]"), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.Stats.ErrorsFor(FrameError.UnknownChannel), Is.EqualTo(2));
    }

    [Test]
    public void RandomGarbageNeverThrowsOrHitsInternalErrors()
    {
        var random = new Random(99);
        var session = SessionTestSupport.NewSession();
        session.Feed("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":1,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}");
        session.Feed("{\"event\":\"subscribed\",\"channel\":\"trades\",\"chanId\":2,\"symbol\":\"tBTCUSD\"}");
        session.Feed("{\"event\":\"subscribed\",\"channel\":\"ticker\",\"chanId\":3,\"symbol\":\"tBTCUSD\"}");
        session.Feed("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":4,\"symbol\":\"tBTCUSD\",\"prec\":\"R0\",\"len\":\"25\"}");
        var seeds = new[]
        {
            "[1,[[100,1,2],[101,1,-3]]]", "[1,[100.5,2,-1e-3]]", "[2,\"te\",[1,2,-0.5,100]]", "[2,[[1,2,0.5,100]]]",
            "[3,[1,2,3,4,5,6,7,8,9,10]]", "[4,[[11,100,1],[12,101,-2]]]", "[4,[11,0,1]]", "[1,\"cs\",-5]",
        };
        var buffer = new byte[64];
        for (var i = 0; i < 50_000; i++)
        {
            var seed = System.Text.Encoding.ASCII.GetBytes(seeds[random.Next(seeds.Length)]);
            var length = Math.Min(seed.Length, buffer.Length);
            seed.AsSpan(0, length).CopyTo(buffer);
            for (var m = random.Next(4); m > 0; m--)
            {
                buffer[random.Next(length)] = (byte)"[]{},\"-.e0123456789 nt"[random.Next(21)];
            }

            session.ProcessFrame(buffer.AsSpan(0, random.Next(length + 1)), 0);
        }

        Assert.That(session.Stats.ErrorsFor(FrameError.Internal), Is.Zero);
        Assert.That(session.Stats.Frames, Is.EqualTo(50_004));
    }
}
