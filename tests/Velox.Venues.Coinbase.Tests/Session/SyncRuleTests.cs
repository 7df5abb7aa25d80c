using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Coinbase.Parsing;
using Velox.Venues.Coinbase.Session;
using static Velox.Venues.Coinbase.Tests.Session.SessionTestSupport;

namespace Velox.Venues.Coinbase.Tests.Session;

public sealed class SyncRuleTests
{
    private const string Unsubscribe = "{\"type\":\"unsubscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"level2\"]}";
    private const string Resubscribe = "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"level2\"]}";
    private static readonly long[] ExpectedTradeIds = [10, 11, 14];

    [Test]
    public void UpdatesBeforeTheSnapshotAreIgnoredThenTheSnapshotSyncsTheBook()
    {
        var session = NewSession();
        var product = session.Find("BTC-USD")!;

        Assert.That(session.Feed(L2("buy", "100.10", "1")), Is.EqualTo(FrameOutcome.Ignored));
        Assert.That(product.State, Is.EqualTo(BookSyncState.AwaitingSnapshot));
        Assert.That(session.Feed(Snapshot), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(product.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(session.Stats.BookUpdatesIgnored, Is.EqualTo(1));
        Assert.That(product.Book.Bids.Count, Is.EqualTo(3));
        Assert.That(product.Book.Bids.Best.Price, Is.EqualTo(100_00000000));
        Assert.That(product.Book.Asks.Best.Size, Is.EqualTo(1_00000000));
    }

    [Test]
    public void SnapshotEventsMarkBeginAndEndAndUpdatesSetAndDelete()
    {
        var session = NewSession();
        var handler = RecordingHandler.Create();
        session.Feed(Snapshot, ref handler);

        Assert.That(handler.Updates, Has.Count.EqualTo(5));
        Assert.That(handler.Updates[0].Flags, Is.EqualTo(BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin));
        Assert.That(handler.Updates[4].Flags, Is.EqualTo(BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotEnd));
        Assert.That(handler.States, Is.EqualTo(new[] { (BookSyncState.InSync, ResyncReason.None) }));

        handler.Updates.Clear();
        Assert.That(session.Feed(L2("sell", "100.50", "0"), ref handler), Is.EqualTo(FrameOutcome.BookUpdate));
        Assert.That(session.Feed(L2("buy", "100.25", "0.75"), ref handler), Is.EqualTo(FrameOutcome.BookUpdate));
        var book = session.Find("BTC-USD")!.Book;
        Assert.That(book.Asks.Best.Price, Is.EqualTo(101_00000000));
        Assert.That(book.Bids.Best.Price, Is.EqualTo(100_25000000));
        Assert.That(handler.Updates[0].Flags, Is.EqualTo(BookUpdateFlags.Delete));
        Assert.That(handler.Updates[1].Size, Is.EqualTo(75000000));
        Assert.That(session.Outbound.Count, Is.Zero);
    }

    [Test]
    public void DroppedInsertIsDetectedWhenItsDeleteArrivesAndTheBookResyncs()
    {
        var session = NewSession();
        var product = session.Find("BTC-USD")!;
        session.Feed(Snapshot);

        // L2("buy", "100.20", "1") was lost on the way; its delete names a level the full book never had.
        session.Feed(L2("buy", "100.20", "0"));

        Assert.That(product.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(product.LastResyncReason, Is.EqualTo(ResyncReason.SequenceGap));
        Assert.That(session.Stats.BookGaps, Is.EqualTo(1));
        Assert.That(session.Stats.DeletesOfMissingLevels, Is.EqualTo(1));
        Assert.That(session.DrainOutbound(), Is.EqualTo(new[] { Unsubscribe, Resubscribe }));

        // Updates to a resyncing book are ignored until the fresh snapshot.
        Assert.That(session.Feed(L2("buy", "100.30", "1")), Is.EqualTo(FrameOutcome.Ignored));
        Assert.That(product.Book.Bids.Best.Price, Is.EqualTo(100_00000000));
        session.Feed(Snapshot);
        Assert.That(product.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(session.Feed(L2("buy", "100.30", "1")), Is.EqualTo(FrameOutcome.BookUpdate));
        Assert.That(session.Stats.Errors, Is.Zero);
    }

    [Test]
    public void DroppedDeleteIsDetectedWhenTheBookCrosses()
    {
        var session = NewSession();
        var product = session.Find("BTC-USD")!;
        session.Feed(Snapshot);

        // The delete of the 100.50 ask was lost; a bid at 100.60 can only rest if that ask is gone.
        session.Feed(L2("buy", "100.60", "1"));

        Assert.That(product.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(session.Stats.CrossedBooks, Is.EqualTo(1));
        Assert.That(session.DrainOutbound(), Is.EqualTo(new[] { Unsubscribe, Resubscribe }));
    }

    [Test]
    public void MalformedBookFrameResyncsTheBook()
    {
        var session = NewSession();
        var product = session.Find("BTC-USD")!;
        session.Feed(Snapshot);

        var outcome = session.Feed("{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"changes\":[[\"buy\",\"100.1x\",\"1\"]]}");

        Assert.That(outcome, Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(FrameError.InvalidNumber));
        Assert.That(product.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(product.LastResyncReason, Is.EqualTo(ResyncReason.MalformedFrame));
        Assert.That(session.DrainOutbound(), Is.EqualTo(new[] { Unsubscribe, Resubscribe }));
    }

    [TestCase("{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"changes\":[[\"hold\",\"100.1\",\"1\"]]}", FrameError.InvalidValue)]
    [TestCase("{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"changes\":[[\"buy\",\"100.123456789\",\"1\"]]}", FrameError.TooManyDecimals)]
    [TestCase("{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"changes\":[[\"buy\",\"100.1\",\"-1\"]]}", FrameError.InvalidValue)]
    [TestCase("{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"changes\":[[\"buy\",\"100.1\"]]}", FrameError.Malformed)]
    [TestCase("{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"changes\":[]}", FrameError.UnexpectedType)]
    public void BadBookUpdatesAreCountedByReasonAndResync(string frame, FrameError reason)
    {
        var session = NewSession();
        session.Feed(Snapshot);

        Assert.That(session.Feed(frame), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(reason));
        Assert.That(session.Stats.ErrorsFor(reason), Is.EqualTo(1));
        Assert.That(session.Find("BTC-USD")!.State, Is.EqualTo(BookSyncState.Resyncing));
    }

    [Test]
    public void MatchesCheckTradeIdContinuityAndDropStaleOnes()
    {
        var session = NewSession();
        var handler = RecordingHandler.Create();

        Assert.That(session.Feed(Match(10, 1000), ref handler), Is.EqualTo(FrameOutcome.Trade));
        Assert.That(session.Feed(Match(11, 1005, side: "buy"), ref handler), Is.EqualTo(FrameOutcome.Trade));
        Assert.That(session.Feed(Match(11, 1006), ref handler), Is.EqualTo(FrameOutcome.Error), "duplicate trade id");
        Assert.That(session.Feed(Match(12, 1004), ref handler), Is.EqualTo(FrameOutcome.Error), "sequence went backwards");
        Assert.That(session.Feed(Match(14, 1010), ref handler), Is.EqualTo(FrameOutcome.Trade));

        Assert.That(session.Stats.TradeIdGaps, Is.EqualTo(1));
        Assert.That(session.Stats.ErrorsFor(FrameError.StaleSequence), Is.EqualTo(2));
        Assert.That(handler.Trades.Select(t => t.TradeId), Is.EqualTo(ExpectedTradeIds));

        // The maker sold, so the taker bought: a positive amount.
        Assert.That(handler.Trades[0].Amount, Is.EqualTo(50000000));
        Assert.That(handler.Trades[1].Amount, Is.EqualTo(-50000000));
        Assert.That(handler.Trades[0].Price, Is.EqualTo(100_25000000));
        Assert.That(handler.Trades[0].TimestampMs, Is.EqualTo(new DateTimeOffset(2021, 4, 17, 16, 43, 37, 89, TimeSpan.Zero).ToUnixTimeMilliseconds()));
    }

    [Test]
    public void TickerIsNormalized()
    {
        var session = NewSession();
        var handler = RecordingHandler.Create();
        var frame = "{\"type\":\"ticker\",\"sequence\":333938798,\"product_id\":\"BTC-USD\",\"price\":\"14.7775\",\"open_24h\":\"14.6647\",\"volume_24h\":\"94381.28000000\",\"low_24h\":\"14.3691\",\"high_24h\":\"16.55\",\"volume_30d\":\"2295579.57000000\",\"best_bid\":\"14.7550\",\"best_ask\":\"14.8060\",\"side\":\"buy\",\"time\":\"2021-04-17T16:43:30.244075Z\",\"trade_id\":881613,\"last_size\":\"0.04\"}";

        Assert.That(session.Feed(frame, ref handler), Is.EqualTo(FrameOutcome.Ticker));
        var t = handler.Tickers.Single();
        Assert.That(t.Last, Is.EqualTo(14_77750000));
        Assert.That(t.Bid, Is.EqualTo(14_75500000));
        Assert.That(t.Ask, Is.EqualTo(14_80600000));
        Assert.That(t.BidSize, Is.Zero, "the 2021 feed has no best_bid_size");
        Assert.That(t.Volume, Is.EqualTo(94381_28000000));
        Assert.That(t.High, Is.EqualTo(16_55000000));
        Assert.That(t.Low, Is.EqualTo(14_36910000));
        Assert.That(t.DailyChange, Is.EqualTo(11280000));
        Assert.That(t.DailyChangeRelative, Is.EqualTo(769194), "0.1128 / 14.6647 at 8 decimals, truncated");
        Assert.That(session.Feed(frame), Is.EqualTo(FrameOutcome.Error), "same sequence again");
        Assert.That(session.LastError, Is.EqualTo(FrameError.StaleSequence));
    }

    [Test]
    public void ReconnectMarksBooksResyncingAndQueuesEverySubscription()
    {
        var session = NewSession();
        session.Feed(Snapshot);
        session.Feed(Match(10, 1000));

        session.OnConnected();

        var product = session.Find("BTC-USD")!;
        Assert.That(product.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(product.LastResyncReason, Is.EqualTo(ResyncReason.Reconnect));
        Assert.That(session.DrainOutbound().Single(), Is.EqualTo("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"level2\",\"ticker\",\"matches\"]}"));
        Assert.That(session.Feed(Match(20, 900)), Is.EqualTo(FrameOutcome.Trade), "continuity restarts on a new connection");
    }

    [Test]
    public void SubscriptionsMessageAdoptsProductsAndUnknownProductsAreCounted()
    {
        var session = new CoinbaseMarketDataSession(new Core.Instruments.InstrumentRegistry());

        Assert.That(session.Feed(L2("buy", "1", "1")), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(FrameError.UnknownChannel));
        session.Feed("{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"level2\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"]},{\"name\":\"ticker\",\"product_ids\":[\"ETH-USD\"]}]}");

        Assert.That(session.Products.Length, Is.EqualTo(2));
        Assert.That(session.Find("ETH-USD")!.Channels, Is.EqualTo(Requests.CoinbaseChannels.Level2 | Requests.CoinbaseChannels.Ticker));
        Assert.That(session.Feed(Snapshot), Is.EqualTo(FrameOutcome.BookSnapshot));
    }
}
