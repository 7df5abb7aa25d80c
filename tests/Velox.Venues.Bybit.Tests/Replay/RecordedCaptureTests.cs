using Velox.Testing;
using Velox.Venues.Bybit.Replay;
using Velox.Venues.Bybit.Tests.Session;

namespace Velox.Venues.Bybit.Tests.Replay;

public sealed class RecordedCaptureTests
{
    [Test]
    public void CryptofeedCaptureHasConsecutiveUpdateIdsOnBothConnections()
    {
        var report = BybitReplayCheck.Run(RequireShared.File(BybitTestSupport.Capture));
        var counters = report.Counters.ToDictionary(c => c.Key, c => c.Value);

        // Numbers from SOURCES.md: 6 snapshots, 2,142 deltas, 0 gaps; tickers 85/754; 120 trade messages; 96 klines.
        Assert.That(report.Frames, Is.EqualTo(3227));
        Assert.That(report.Gaps, Is.Zero);
        Assert.That(report.Resyncs, Is.Zero);
        Assert.That(report.Errors, Is.Zero, report.ToJson());
        Assert.That(report.UnknownChannelFrames, Is.Zero);
        Assert.That(report.ChecksumsVerified, Is.Zero, "Bybit books carry no checksum");
        Assert.That(report.HasFindings, Is.False);
        Assert.That(counters["connections"], Is.EqualTo(2));
        Assert.That(counters["book_snapshots"], Is.EqualTo(6));
        Assert.That(counters["book_deltas"], Is.EqualTo(2142));
        Assert.That(counters["update_ids_checked"], Is.EqualTo(2142));
        Assert.That(counters["book_deltas_ignored"], Is.Zero);
        Assert.That(counters["service_restarts"], Is.Zero);
        Assert.That(counters["snapshot_levels"], Is.EqualTo(2400));
        Assert.That(counters["delta_levels"], Is.EqualTo(18409));
        Assert.That(counters["deletes_of_missing_levels"], Is.Zero);
        Assert.That(counters["ticker_snapshots"], Is.EqualTo(85));
        Assert.That(counters["ticker_deltas"], Is.EqualTo(754));
        Assert.That(counters["trade_messages"], Is.EqualTo(120));
        Assert.That(counters["kline_frames"], Is.EqualTo(96));
        Assert.That(counters["replies"], Is.EqualTo(24));
        Assert.That(counters["outbound_records"], Is.EqualTo(24));
        Assert.That(counters["connect_records"], Is.EqualTo(2));
        Assert.That(counters["rest_records"], Is.EqualTo(2));
        Assert.That(counters["requests_queued"], Is.Zero);
    }

    [Test]
    public void FinalBooksMatchAnIndependentDecimalReplay()
    {
        var report = BybitReplayCheck.Run(RequireShared.File(BybitTestSupport.Capture));
        var books = report.Books.ToDictionary(b => b.Symbol);

        // Reference values from a Python Decimal replay of the same file, per connection.
        Assert.That(books, Has.Count.EqualTo(6));
        Assert.That(books.Values.Select(b => b.State), Is.All.EqualTo("InSync"));
        Assert.That(books.Values.Select(b => (b.BidLevels, b.AskLevels)), Is.All.EqualTo((200, 200)));
        Assert.That(books.Values.Select(b => b.Channel), Is.All.EqualTo("orderbook.200"));
        Expect(books["bybit-linear:BTCUSDT"], "65114.2", "5.974", "65114.3", "9.06");
        Expect(books["bybit-linear:ETHUSDT"], "1922.54", "52", "1922.55", "19.25");
        Expect(books["bybit-linear:SOLUSDT"], "77.26", "1041.8", "77.27", "356.1");
        Expect(books["bybit-linear:DOGEUSDT"], "0.07055", "192121", "0.07056", "4200");
        Expect(books["bybit-spot:BTCUSDT"], "65140.4", "0.622237", "65140.5", "0.606831");
        Expect(books["bybit-spot:ETHUSDT"], "1923.28", "9.42925", "1923.29", "3.44935");
    }

    [Test]
    public void DefaultScalesHoldEveryRecordedNumber()
    {
        // Every price, size and ticker field of both connections is parsed at the default scales: none is refused.
        var report = BybitReplayCheck.Run(RequireShared.File(BybitTestSupport.Capture));
        Assert.That(report.ErrorsByReason.Select(e => e.Key), Has.None.EqualTo("TooManyDecimals").And.None.EqualTo("NumberOverflow"));
        Assert.That(report.Errors, Is.Zero);
    }

    private static void Expect(Velox.MarketData.Replay.ReplayBook book, string bid, string bidSize, string ask, string askSize)
    {
        Assert.That(book, Has.Property("BestBid").EqualTo(bid).And.Property("BestBidSize").EqualTo(bidSize)
            .And.Property("BestAsk").EqualTo(ask).And.Property("BestAskSize").EqualTo(askSize), book.Symbol);
    }
}
