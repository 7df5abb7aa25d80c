using System.Text;
using Velox.Core;
using Velox.MarketData.Feeds;
using Velox.MarketData.Sync;
using Velox.Venues.GateIo.Session;
using static Velox.Venues.GateIo.Tests.Session.SessionTestSupport;

namespace Velox.Venues.GateIo.Tests.Session;

public sealed class SessionTests
{
    [Test]
    public void BuffersUntilTheSnapshotThenBridgesWithIdPlusOneAndChains()
    {
        var session = NewSession();
        var pair = session.Subscribe("BTC_USDT");
        Assert.That(session.Feed(Diff(95, 100)), Is.EqualTo(FrameOutcome.BookBuffered));
        Assert.That(session.Feed(Diff(99, 104, "[[\"100.0\",\"7\"]]")), Is.EqualTo(FrameOutcome.BookBuffered));
        Assert.That(session.TryTakeSnapshotRequest(out var requested), Is.True);
        Assert.That(session.SnapshotPath(requested), Is.EqualTo("api/v4/spot/order_book?currency_pair=BTC_USDT&limit=100&with_id=true"));

        Assert.That(session.Snapshot(pair, SnapshotBody(100)), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(pair.Book!.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(session.Stats.BookStale, Is.EqualTo(1));
        Assert.That(pair.Book.Book.Bids.Best.Size, Is.EqualTo(7_0000000000));
        Assert.That(session.Feed(Diff(105, 105)), Is.EqualTo(FrameOutcome.BookUpdate));
        Assert.That(session.Stats.Gaps, Is.Zero);
    }

    [Test]
    public void DeliberatelyDroppedDiffIsDetectedAndTheBookIsRebuilt()
    {
        var session = NewSession();
        var pair = session.Subscribe("BTC_USDT");
        session.Snapshot(pair, SnapshotBody(100));
        var recorder = Recorder.Create();
        session.Feed(Diff(101, 102), ref recorder);

        Assert.That(session.Feed(Diff(104, 105), ref recorder), Is.EqualTo(FrameOutcome.BookGap));
        Assert.That(recorder.States, Does.Contain((BookSyncState.Resyncing, ResyncReason.SequenceGap)));
        Assert.That(session.TryTakeSnapshotRequest(out _), Is.True);
        var published = recorder.Updates.Count;
        Assert.That(session.Feed(Diff(106, 106, "[[\"100.0\",\"9\"]]"), ref recorder), Is.EqualTo(FrameOutcome.BookBuffered));
        Assert.That(recorder.Updates, Has.Count.EqualTo(published), "updates to a resyncing book are not applied");

        session.Snapshot(pair, SnapshotBody(104));
        Assert.That(pair.Book!.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(pair.Book.Sync.LastId, Is.EqualTo(106));
        Assert.That(pair.Book.Book.Bids.Best.Size, Is.EqualTo(9_0000000000));
    }

    [Test]
    public void TradesAndTickersAreNormalized()
    {
        var session = NewSession();
        session.Subscribe("DIS_USDT");
        var recorder = Recorder.Create();
        session.Feed("{\"time\":1619093543,\"channel\":\"spot.trades\",\"event\":\"update\",\"result\":{\"id\":816995772,\"create_time\":1619093543,\"create_time_ms\":\"1619093543708.2642\",\"side\":\"sell\",\"currency_pair\":\"DIS_USDT\",\"amount\":\"0.2010000000\",\"price\":\"121.5800000000\"}}", ref recorder);
        session.Feed("{\"time\":1619093533,\"channel\":\"spot.tickers\",\"event\":\"update\",\"result\":{\"currency_pair\":\"DIS_USDT\",\"last\":\"0.0018716\",\"lowest_ask\":\"0.0018734\",\"highest_bid\":\"0.0018697\",\"change_percentage\":\"2.9256\",\"base_volume\":\"1138.01640718\",\"quote_volume\":\"2.048263365803126\",\"high_24h\":\"0.0018754\",\"low_24h\":\"0.0017148\"}}", ref recorder);

        var trade = recorder.Trades.Single();
        Assert.That(trade.TradeId, Is.EqualTo(816995772));
        Assert.That(trade.TimestampMs, Is.EqualTo(1619093543708));
        Assert.That(trade.Price, Is.EqualTo(1_215_800_000_000));
        Assert.That(trade.Amount, Is.EqualTo(-2_010_000_000));
        Assert.That(trade.AggressorSide, Is.EqualTo(Side.Ask));
        var ticker = recorder.Tickers.Single();
        Assert.That(ticker.Bid, Is.EqualTo(18_697_000));
        Assert.That(ticker.Ask, Is.EqualTo(18_734_000));
        Assert.That(ticker.DailyChangeRelative, Is.EqualTo(2_925_600), "2.9256 % = 0.029256");
        Assert.That(ticker.Volume, Is.EqualTo(11_380_164_071_800));
    }

    [Test]
    public void SubscribeQueuesTheThreeChannelsWithTheInjectedTime()
    {
        var session = new GateIoMarketDataSession(new Core.Instruments.InstrumentRegistry(), new GateIoSessionOptions { Time = new FixedTime() });
        session.Subscribe("BTC_USDT");
        var messages = new List<string>();
        while (session.Outbound.TryPeek(out var m))
        {
            messages.Add(Encoding.UTF8.GetString(m));
            session.Outbound.Advance();
        }

        Assert.That(messages, Has.Count.EqualTo(3));
        Assert.That(messages[0], Is.EqualTo("{\"time\":1619093532,\"channel\":\"spot.order_book_update\",\"event\":\"subscribe\",\"payload\":[\"BTC_USDT\",\"100ms\"]}"));
        Assert.That(messages[1], Is.EqualTo("{\"time\":1619093532,\"channel\":\"spot.trades\",\"event\":\"subscribe\",\"payload\":[\"BTC_USDT\"]}"));
        Assert.That(messages[2], Is.EqualTo("{\"time\":1619093532,\"channel\":\"spot.tickers\",\"event\":\"subscribe\",\"payload\":[\"BTC_USDT\"]}"));
    }

    [TestCase("", FeedError.Empty)]
    [TestCase("{\"time\":1,\"channel\":\"spot.trades\",\"event\":\"update\",\"result\":{\"id\":1", FeedError.Malformed)]
    [TestCase("{\"time\":1,\"channel\":\"spot.trades\",\"event\":\"update\",\"result\":{\"id\":1,\"side\":\"buy\",\"currency_pair\":\"BTC_USDT\",\"amount\":\"1\",\"price\":\"x\"}}", FeedError.InvalidNumber)]
    [TestCase("{\"time\":1,\"channel\":\"spot.trades\",\"event\":\"update\",\"result\":{\"id\":1,\"side\":\"up\",\"currency_pair\":\"BTC_USDT\",\"amount\":\"1\",\"price\":\"1\",\"create_time_ms\":\"1\"}}", FeedError.InvalidValue)]
    [TestCase("{\"time\":1,\"channel\":\"spot.trades\",\"event\":\"subscribe\",\"error\":{\"code\":2,\"message\":\"unknown currency pair\"},\"result\":null}", FeedError.VenueError)]
    [TestCase("{\"id\":1,\"asks\":[],\"bids\":[]}", FeedError.UnexpectedType)]
    public void BadFramesAreCountedWithTheirReason(string frame, FeedError expected)
    {
        var session = NewSession();
        session.Subscribe("BTC_USDT");
        Assert.That(session.Feed(frame), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(expected));
    }

    [Test]
    public void MalformedDiffResyncsTheBookAndGarbageNeverThrows()
    {
        var session = NewSession();
        var pair = session.Subscribe("BTC_USDT");
        session.Snapshot(pair, SnapshotBody(100));
        Assert.That(session.Feed(Diff(101, 101, "[[\"100.0\",\"1.00000000001\"]]")), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(FeedError.TooManyDecimals));
        Assert.That(pair.Book!.LastResyncReason, Is.EqualTo(ResyncReason.MalformedFrame));

        session.Snapshot(pair, SnapshotBody(101));
        var valid = Encoding.UTF8.GetBytes(Diff(102, 102, "[[\"100.0\",\"1\"],[\"99.5\",\"2\"]]", "[[\"101.5\",\"3\"]]"));
        var random = new Random(3);
        for (var i = 0; i < 20_000; i++)
        {
            var frame = (byte[])valid.Clone();
            frame[random.Next(frame.Length)] = (byte)random.Next(256);
            var length = random.Next(2) == 0 ? frame.Length : random.Next(frame.Length);
            Assert.DoesNotThrow(() => session.ProcessFrame(frame.AsSpan(0, length), 0));
        }

        Assert.That(session.Stats.ErrorsFor(FeedError.Internal), Is.Zero);
    }

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(1619093532);
    }
}
