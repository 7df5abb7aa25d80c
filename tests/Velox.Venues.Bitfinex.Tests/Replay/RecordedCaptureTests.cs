using Velox.MarketData.Sync;
using Velox.Testing;
using Velox.Venues.Bitfinex.Parsing;
using Velox.Venues.Bitfinex.Replay;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Venues.Bitfinex.Tests.Replay;

public sealed class RecordedCaptureTests
{
    [Test]
    public void CryptofeedSeqAllCaptureHasNoGapsAndKnownFinalBooks()
    {
        var report = BitfinexReplayCheck.Run(RequireShared.File("bitfinex/cryptofeed_BITFINEX.ws.11.0"));
        var s = report.Stats;

        // 1,670 channel frames carry a sequence number (1,669 consecutive pairs) and heartbeats are part of it.
        Assert.That(s.SequencesChecked, Is.EqualTo(1670));
        Assert.That(s.SequenceGaps, Is.Zero);
        Assert.That(s.Heartbeats, Is.EqualTo(40));
        Assert.That(s.BookSnapshots, Is.EqualTo(7));
        Assert.That(s.BookUpdates, Is.EqualTo(1593));
        Assert.That(s.TradeSnapshots, Is.EqualTo(7));
        Assert.That(s.Tickers, Is.EqualTo(21));
        Assert.That(s.Resyncs, Is.Zero);

        // Two heartbeats name channels whose subscribed events are not in the capture.
        Assert.That(s.Errors, Is.EqualTo(2));
        Assert.That(s.ErrorsFor(FrameError.UnknownChannel), Is.EqualTo(2));

        // Reference values from an independent Decimal replay of the same file.
        var books = report.Books.ToDictionary(b => b.Symbol);
        Assert.That(books.Values.Select(b => b.State), Is.All.EqualTo(BookSyncState.InSync));
        Assert.That(books["tTESTBTC:TESTUSD"], Has.Property("BestBid").EqualTo("60417").And.Property("BestBidSize").EqualTo("0.68807848")
            .And.Property("BestAsk").EqualTo("60423").And.Property("BestAskSize").EqualTo("0.68805459"));
        Assert.That(books["tDOGUSD"], Has.Property("BestBid").EqualTo("277730").And.Property("BestBidSize").EqualTo("0.09383141")
            .And.Property("BestAsk").EqualTo("282030").And.Property("BestAskSize").EqualTo("0.027"));
        Assert.That(books["tIOTETH"], Has.Property("BestBid").EqualTo("0.001026").And.Property("BidLevels").EqualTo(99)
            .And.Property("BestAsk").EqualTo("0.0010272").And.Property("BestAskSize").EqualTo("8"));
        Assert.That(books["tMNABTC"], Has.Property("BestBid").EqualTo("0.00002505").And.Property("BidLevels").EqualTo(51)
            .And.Property("BestAsk").EqualTo("0.0000253").And.Property("AskLevels").EqualTo(88));
        Assert.That(books["tBFTUSD"], Has.Property("BestBid").EqualTo("0.068965").And.Property("BestBidSize").EqualTo("6098.17017201")
            .And.Property("BestAsk").EqualTo("0.0774"));
        Assert.That(books["tODEUSD"], Has.Property("BestBid").EqualTo("0.02056").And.Property("BestAsk").EqualTo("0.02088"));
        Assert.That(books["tSNGUSD"], Has.Property("BestBid").EqualTo("0.037108").And.Property("BestAsk").EqualTo("0.038798"));
    }

    [Test]
    public void MarfusiosDumpWithTwoConnectionsReplaysCompletely()
    {
        var report = BitfinexReplayCheck.Run(RequireShared.File("bitfinex/marfusios_bitfinex_raw_2018-11-12.txt.gz"));
        var s = report.Stats;

        Assert.That(s.Errors, Is.Zero, report.ToReplayCheckReport("test").ToJson());
        Assert.That(s.Frames, Is.EqualTo(1_057_704));
        Assert.That(s.InfoEvents, Is.EqualTo(2));
        Assert.That(s.Events, Is.EqualTo(6));
        Assert.That(s.BookSnapshots, Is.EqualTo(2));
        Assert.That(s.BookUpdates, Is.EqualTo(1_043_118));
        Assert.That(s.BookUpdatesIgnored, Is.Zero);
        Assert.That(s.TradeSnapshots, Is.EqualTo(2));
        Assert.That(s.TradesExecuted, Is.EqualTo(4_473));
        Assert.That(s.TradeUpdates, Is.EqualTo(4_465));
        Assert.That(s.Heartbeats, Is.EqualTo(5_638));
        Assert.That(s.Connections, Is.EqualTo(1), "the second info event is a new connection");
        Assert.That(report.RequestsSeen.HasFlag(SessionRequest.NewConnectionDetected), Is.True);

        var book = report.Books.Single();
        Assert.That(book, Has.Property("Symbol").EqualTo("tBTCUSD").And.Property("State").EqualTo(BookSyncState.InSync)
            .And.Property("BidLevels").EqualTo(100).And.Property("AskLevels").EqualTo(100));
        Assert.That(book, Has.Property("BestBid").EqualTo("6446.9").And.Property("BestBidSize").EqualTo("1.84853091")
            .And.Property("BestAsk").EqualTo("6447").And.Property("BestAskSize").EqualTo("20.34426905"));
    }

    [Test]
    public void GoChecksumVectorVerifies()
    {
        var report = BitfinexReplayCheck.Run(RequireShared.File("bitfinex/derived/bfx-api-go_checksum_vector_tXRPBTC.jsonl"));
        Assert.That(report.Stats.Errors, Is.Zero, report.ToReplayCheckReport("test").ToJson());
        Assert.That(report.Stats.ChecksumFrames, Is.EqualTo(1));
        Assert.That(report.Stats.ChecksumsVerified, Is.EqualTo(1));
        Assert.That(report.Stats.ChecksumMismatches, Is.Zero);
        Assert.That(report.Books.Single().BestBidSize, Is.EqualTo("266122.94"));
    }
}
