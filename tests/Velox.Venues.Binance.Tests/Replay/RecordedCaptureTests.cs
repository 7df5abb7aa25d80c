using Velox.MarketData.Replay;
using Velox.Testing;
using Velox.Venues.Binance.Replay;

namespace Velox.Venues.Binance.Tests.Replay;

public sealed class RecordedCaptureTests
{
    private const string SpotDay1 = "binance/hftbacktest_spot_btcusdt_20240808.gz";
    private const string SpotDay2 = "binance/hftbacktest_spot_btcusdt_20240809.gz";
    private const string Usdm = "binance/hftbacktest_usdm_btcusdt_20240808.gz";

    [Test]
    public void SpotDayBridgesAfterTwoStaleDiffsAndAppliesEveryOther()
    {
        var report = BinanceReplayCheck.Run(RequireShared.File(SpotDay1), keepLevelsBeyondSnapshot: true);
        var c = Counters(report);

        Assert.That(report.Venue, Is.EqualTo("binance"));
        Assert.That(report.Gaps, Is.Zero);
        Assert.That(report.Errors, Is.Zero, report.ToJson());
        Assert.That(report.Resyncs, Is.Zero);
        Assert.That(c["depth_stale"], Is.EqualTo(2));
        Assert.That(c["depth_updates"], Is.EqualTo(3449));
        Assert.That(c["inline_snapshots"], Is.EqualTo(1));
        Assert.That(c["trades"], Is.EqualTo(9757));
        Assert.That(c["book_tickers"], Is.EqualTo(28040));
        Assert.That(report.Frames, Is.EqualTo(41248), "41,249 lines less the REST snapshot line");
        Assert.That(report.Books.Single(), Has.Property("State").EqualTo("InSync"));
    }

    [Test]
    public void SessionCarriedOverFromTheFirstFileContinuesIntoTheRotatedOneWithoutGaps()
    {
        var report = BinanceReplayCheck.Run([RequireShared.File(SpotDay1), RequireShared.File(SpotDay2)], keepLevelsBeyondSnapshot: true);
        var c = Counters(report);

        Assert.That(report.Gaps, Is.Zero);
        Assert.That(report.Errors, Is.Zero, report.ToJson());
        Assert.That(report.Resyncs, Is.Zero);
        Assert.That(c["depth_updates"], Is.EqualTo(3449 + 3044), "every diff of the second file chains on the first");
        Assert.That(c["snapshots"], Is.EqualTo(1));
        var book = report.Books.Single();
        Assert.That(book.State, Is.EqualTo("InSync"));
        Assert.That(book.BestBid, Is.EqualTo("61602.01"));
        Assert.That(book.BestAsk, Is.EqualTo("61602.02"));
    }

    [Test]
    public void StrictDepthPolicyResyncsWhenThePriceLeavesTheSnapshotRange()
    {
        // BTC fell about 0.4% during the file: the 1000-level snapshot no longer covers the bid side.
        var report = BinanceReplayCheck.Run(RequireShared.File(SpotDay1));
        var c = Counters(report);

        Assert.That(report.Gaps, Is.Zero);
        Assert.That(report.Errors, Is.Zero);
        Assert.That(report.Resyncs, Is.EqualTo(1));
        Assert.That(c["depth_stale"], Is.EqualTo(2));
        Assert.That(c["depth_updates"] + c["depth_buffered"] - 3, Is.EqualTo(3449), "applied until the range ran out, buffered after");
        Assert.That(c["levels_beyond_snapshot"], Is.GreaterThan(0));
        Assert.That(report.Books.Single(), Has.Property("State").EqualTo("Resyncing").And.Property("BidLevels").EqualTo(0));
        Assert.That(report.HasFindings, Is.False, "a range resync is not a feed fault");
    }

    [Test]
    public void UsdmFuturesBridgeWithPreviousIdAfterFourStaleDiffs()
    {
        var report = BinanceReplayCheck.Run(RequireShared.File(Usdm), keepLevelsBeyondSnapshot: true);
        var c = Counters(report);

        Assert.That(report.Venue, Is.EqualTo("binance-usdm"));
        Assert.That(report.Gaps, Is.Zero);
        Assert.That(report.Errors, Is.Zero, report.ToJson());
        Assert.That(c["depth_stale"], Is.EqualTo(4));
        Assert.That(c["depth_updates"], Is.EqualTo(6547));
        Assert.That(c["trades"], Is.EqualTo(21313));
        Assert.That(c["book_tickers"], Is.EqualTo(66089));
    }

    [Test]
    public void CryptofeedSpotWithSeparateSnapshotFileBridgesEveryBook()
    {
        var report = BinanceReplayCheck.Run(RequireShared.File("binance/cryptofeed_BINANCE.ws.1.0"), RequireShared.File("binance/cryptofeed_BINANCE.http.0.0"));
        var c = Counters(report);

        Assert.That(report.Gaps, Is.Zero);
        Assert.That(report.Errors, Is.Zero, report.ToJson());
        Assert.That(report.Resyncs, Is.Zero);
        Assert.That(c["snapshots"], Is.EqualTo(4));
        Assert.That(c["depth_updates"] + c["depth_stale"], Is.EqualTo(177));
        Assert.That(c["depth_stale"], Is.EqualTo(5));
        Assert.That(c["book_tickers"], Is.EqualTo(84));
        Assert.That(c["agg_trades"], Is.EqualTo(2));
        Assert.That(c["klines"], Is.EqualTo(2));
        Assert.That(c["connect_records"], Is.EqualTo(1));
        Assert.That(c["rest_records"], Is.EqualTo(4));
        Assert.That(report.Books.Select(b => b.State), Is.All.EqualTo("InSync"));
        var nkn = report.Books.Single(b => b.Symbol == "NKNUSDT");
        Assert.That(nkn, Has.Property("BestBid").EqualTo("0.3527").And.Property("BestAsk").EqualTo("0.3531"));
    }

    [Test]
    public void CryptofeedFuturesWithSeparateSnapshotFileBridgesEveryBook()
    {
        var report = BinanceReplayCheck.Run(RequireShared.File("binance/cryptofeed_BINANCE_FUTURES.ws.1.0"), RequireShared.File("binance/cryptofeed_BINANCE_FUTURES.http.0.0"));
        var c = Counters(report);

        Assert.That(report.Venue, Is.EqualTo("binance-usdm"));
        Assert.That(report.Gaps, Is.Zero);
        Assert.That(report.Errors, Is.Zero, report.ToJson());
        Assert.That(c["snapshots"], Is.EqualTo(4));
        Assert.That(c["depth_updates"] + c["depth_stale"], Is.EqualTo(764));
        Assert.That(c["book_tickers"], Is.EqualTo(613));
        Assert.That(c["agg_trades"], Is.EqualTo(91));
        Assert.That(c["klines"], Is.EqualTo(67));
        Assert.That(report.Books.Select(b => b.State), Is.All.EqualTo("InSync"));
    }

    [Test]
    public void DefaultScalesHoldEveryNumberOfEveryRecording()
    {
        var reports = new[]
        {
            BinanceReplayCheck.Run([RequireShared.File(SpotDay1), RequireShared.File(SpotDay2)], keepLevelsBeyondSnapshot: true),
            BinanceReplayCheck.Run(RequireShared.File(Usdm), keepLevelsBeyondSnapshot: true),
            BinanceReplayCheck.Run(RequireShared.File("binance/cryptofeed_BINANCE.ws.1.0"), RequireShared.File("binance/cryptofeed_BINANCE.http.0.0")),
            BinanceReplayCheck.Run(RequireShared.File("binance/cryptofeed_BINANCE_FUTURES.ws.1.0"), RequireShared.File("binance/cryptofeed_BINANCE_FUTURES.http.0.0")),
        };

        foreach (var report in reports)
        {
            var reasons = report.ErrorsByReason.Select(e => e.Key).ToList();
            Assert.That(reasons, Does.Not.Contain("TooManyDecimals").And.Not.Contain("NumberOverflow"), report.Source);
            Assert.That(report.Errors, Is.Zero, report.Source);
        }
    }

    private static Dictionary<string, long> Counters(ReplayCheckReport report) => report.Counters.ToDictionary(c => c.Key, c => c.Value);
}
