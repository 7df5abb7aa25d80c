using Velox.Testing;
using Velox.Venues.GateIo.Replay;

namespace Velox.Venues.GateIo.Tests.Replay;

public sealed class RecordedCaptureTests
{
    [Test]
    public void EveryPairBridgesItsRestSnapshotWithoutGaps()
    {
        var report = GateIoReplayCheck.Run(RequireShared.File("gateio/cryptofeed_GATEIO.ws.1.0"), RequireShared.File("gateio/cryptofeed_GATEIO.http.0.0"));
        var c = report.Counters.ToDictionary(x => x.Key, x => x.Value);

        Assert.That(report.Venue, Is.EqualTo("gateio"));
        Assert.That(report.Gaps, Is.Zero);
        Assert.That(report.Errors, Is.Zero, report.ToJson());
        Assert.That(report.Resyncs, Is.Zero);
        Assert.That(report.HasFindings, Is.False);
        Assert.That(c["book_updates"] + c["book_stale"], Is.EqualTo(172));
        Assert.That(c["book_stale"], Is.EqualTo(13));
        Assert.That(c["snapshots"], Is.EqualTo(10));
        Assert.That(c["trades"], Is.EqualTo(9));
        Assert.That(c["tickers"], Is.EqualTo(22));
        Assert.That(c["candlesticks"], Is.EqualTo(14));
        Assert.That(c["outbound_records"], Is.EqualTo(22));
        Assert.That(c["replies"], Is.EqualTo(22));
        Assert.That(report.Books, Has.Count.EqualTo(10));
        Assert.That(report.Books.Select(b => b.State), Is.All.EqualTo("InSync"));
        var dis = report.Books.Single(b => b.Symbol == "DIS_USDT");
        Assert.That(dis, Has.Property("BestBid").EqualTo("121.5").And.Property("BestAsk").EqualTo("122.23").And.Property("BestAskSize").EqualTo("0.00896999"));
        Assert.That(report.ErrorsByReason.Select(e => e.Key), Does.Not.Contain("TooManyDecimals").And.Not.Contain("NumberOverflow"), "default scales hold every number");
    }
}
