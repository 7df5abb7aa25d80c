using Velox.Testing;
using Velox.Venues.Kraken.Replay;

namespace Velox.Venues.Kraken.Tests.Replay;

public sealed class RecordedCaptureTests
{
    [Test]
    public void BookCaptureVerifiesEveryChecksum()
    {
        var report = KrakenReplayCheck.Run(RequireShared.File("kraken/cryptofeed_KRAKEN.ws.50.0"));
        var counters = report.Counters.ToDictionary(c => c.Key, c => c.Value);

        Assert.That(report.Frames, Is.EqualTo(4321));
        Assert.That(report.ChecksumsVerified, Is.EqualTo(4269));
        Assert.That(report.ChecksumMismatches, Is.Zero);
        Assert.That(report.Resyncs, Is.Zero);
        Assert.That(report.Errors, Is.Zero, report.ToJson());
        Assert.That(report.UnknownChannelFrames, Is.Zero);
        Assert.That(report.HasFindings, Is.False);
        Assert.That(counters["book_snapshots"], Is.EqualTo(10));
        Assert.That(counters["book_updates"], Is.EqualTo(4269));
        Assert.That(counters["heartbeats"], Is.EqualTo(31));
        Assert.That(counters["outbound_records"], Is.EqualTo(1));
    }

    [Test]
    public void FinalBooksMatchAnIndependentDecimalReplay()
    {
        var report = KrakenReplayCheck.Run(RequireShared.File("kraken/cryptofeed_KRAKEN.ws.50.0"));
        var books = report.Books.ToDictionary(b => b.Symbol);

        // Reference values from a Python Decimal replay (truncated to depth 1000) of the same file.
        Assert.That(books, Has.Count.EqualTo(10));
        Assert.That(books.Values.Select(b => b.State), Is.All.EqualTo("InSync"));
        Assert.That(books["XBT/CHF"], Has.Property("BidLevels").EqualTo(500).And.Property("AskLevels").EqualTo(315)
            .And.Property("BestBid").EqualTo("56060.3").And.Property("BestBidSize").EqualTo("0.05804973")
            .And.Property("BestAsk").EqualTo("56194.2").And.Property("BestAskSize").EqualTo("0.017"));
        Assert.That(books["ADA/XBT"], Has.Property("BidLevels").EqualTo(707).And.Property("AskLevels").EqualTo(840)
            .And.Property("BestBid").EqualTo("0.00002288").And.Property("BestAsk").EqualTo("0.0000229"));
        Assert.That(books["GRT/ETH"], Has.Property("BestBid").EqualTo("0.0008335").And.Property("BestBidSize").EqualTo("506.69981876")
            .And.Property("BestAsk").EqualTo("0.0008362").And.Property("BestAskSize").EqualTo("3304.00414043"));
        Assert.That(books["XMR/USD"], Has.Property("BidLevels").EqualTo(657).And.Property("AskLevels").EqualTo(426)
            .And.Property("BestBid").EqualTo("353.64").And.Property("BestAsk").EqualTo("354.48"));
        Assert.That(books["SC/EUR"], Has.Property("BestBid").EqualTo("0.04307").And.Property("BestAskSize").EqualTo("20000"));
    }

    [Test]
    public void TradeCaptureParses()
    {
        var report = KrakenReplayCheck.Run(RequireShared.File("kraken/cryptofeed_KRAKEN.ws.48.0"));
        var counters = report.Counters.ToDictionary(c => c.Key, c => c.Value);

        Assert.That(report.Errors, Is.Zero, report.ToJson());
        Assert.That(report.UnknownChannelFrames, Is.Zero);
        Assert.That(counters["trade_messages"], Is.EqualTo(8));
        Assert.That(counters["trades"], Is.EqualTo(10));
    }

    [Test]
    public void TickerCaptureParses()
    {
        var report = KrakenReplayCheck.Run(RequireShared.File("kraken/cryptofeed_KRAKEN.ws.49.0"));

        Assert.That(report.Errors, Is.Zero, report.ToJson());
        Assert.That(report.Counters.Single(c => c.Key == "tickers").Value, Is.EqualTo(18));
    }

    [TestCase("kraken/cryptofeed_KRAKEN.ws.48.0")]
    [TestCase("kraken/cryptofeed_KRAKEN.ws.49.0")]
    [TestCase("kraken/cryptofeed_KRAKEN.ws.50.0")]
    public void DefaultScalesHoldEveryRecordedNumber(string file)
    {
        // Includes the 9,999,999,997 CHF XBT/CHF ask and 9-decimal GRT/ETH prices.
        var report = KrakenReplayCheck.Run(RequireShared.File(file));
        Assert.That(report.ErrorsByReason.Select(e => e.Key), Has.None.EqualTo("TooManyDecimals").And.None.EqualTo("NumberOverflow"));
        Assert.That(report.Errors, Is.Zero);
    }
}
