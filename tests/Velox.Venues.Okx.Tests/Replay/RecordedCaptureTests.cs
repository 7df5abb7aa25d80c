using Velox.Testing;
using Velox.Venues.Okx.Replay;

namespace Velox.Venues.Okx.Tests.Replay;

public sealed class RecordedCaptureTests
{
    [Test]
    public void CryptofeedCaptureVerifiesEveryChecksum()
    {
        var report = OkxReplayCheck.Run(RequireShared.File("okx/cryptofeed_OKX.ws.1.0"));
        var counters = report.Counters.ToDictionary(c => c.Key, c => c.Value);

        Assert.That(report.Frames, Is.EqualTo(410));
        Assert.That(report.ChecksumsVerified, Is.EqualTo(290));
        Assert.That(report.ChecksumMismatches, Is.Zero);
        Assert.That(report.Gaps, Is.Zero);
        Assert.That(report.Resyncs, Is.Zero);
        Assert.That(report.Errors, Is.Zero, report.ToJson());
        Assert.That(report.UnknownChannelFrames, Is.Zero);
        Assert.That(report.HasFindings, Is.False);
        Assert.That(counters["book_snapshots"], Is.EqualTo(3));
        Assert.That(counters["book_updates"], Is.EqualTo(287));
        Assert.That(counters["trades"], Is.EqualTo(74));
        Assert.That(counters["tickers"], Is.EqualTo(28));
        Assert.That(counters["events"], Is.EqualTo(18));
        Assert.That(counters["outbound_records"], Is.EqualTo(3));
        Assert.That(counters["connect_records"], Is.EqualTo(1));
    }

    [Test]
    public void FinalBooksMatchAnIndependentDecimalReplay()
    {
        var report = OkxReplayCheck.Run(RequireShared.File("okx/cryptofeed_OKX.ws.1.0"));
        var books = report.Books.ToDictionary(b => b.Symbol);

        // Reference values from a Python Decimal replay of the same file.
        Assert.That(books.Values.Select(b => b.State), Is.All.EqualTo("InSync"));
        Assert.That(books["BTC-USD-220527"], Has.Property("BidLevels").EqualTo(74).And.Property("AskLevels").EqualTo(62)
            .And.Property("BestBid").EqualTo("30229.4").And.Property("BestBidSize").EqualTo("2")
            .And.Property("BestAsk").EqualTo("30238.8").And.Property("BestAskSize").EqualTo("3"));
        Assert.That(books["UNI-USD-SWAP"], Has.Property("BidLevels").EqualTo(125).And.Property("AskLevels").EqualTo(118)
            .And.Property("BestBid").EqualTo("5.137").And.Property("BestBidSize").EqualTo("20")
            .And.Property("BestAsk").EqualTo("5.145").And.Property("BestAskSize").EqualTo("50"));
        Assert.That(books["BTC-USDT"], Has.Property("BidLevels").EqualTo(400).And.Property("AskLevels").EqualTo(400)
            .And.Property("BestBid").EqualTo("30236.1").And.Property("BestBidSize").EqualTo("0.18050747")
            .And.Property("BestAsk").EqualTo("30236.2").And.Property("BestAskSize").EqualTo("0.001"));
    }

    [Test]
    public void DefaultScalesHoldEveryRecordedNumber()
    {
        // Every price, size and ticker field of the capture is parsed at the default scales: none is refused.
        var report = OkxReplayCheck.Run(RequireShared.File("okx/cryptofeed_OKX.ws.1.0"));
        Assert.That(report.ErrorsByReason.Select(e => e.Key), Has.None.EqualTo("TooManyDecimals").And.None.EqualTo("NumberOverflow"));
        Assert.That(report.Errors, Is.Zero);
    }
}
