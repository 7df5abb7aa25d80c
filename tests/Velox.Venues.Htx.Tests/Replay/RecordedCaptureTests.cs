using Velox.Testing;
using Velox.Venues.Htx.Replay;

namespace Velox.Venues.Htx.Tests.Replay;

public sealed class RecordedCaptureTests
{
    [Test]
    public void EveryFrameInflatesAndParses()
    {
        var report = HtxReplayCheck.Run(RequireShared.File(RecordedFrames.Capture));
        var counters = report.Counters.ToDictionary(c => c.Key, c => c.Value);

        Assert.That(report.Frames, Is.EqualTo(362));
        Assert.That(report.Errors, Is.Zero, report.ToJson());
        Assert.That(report.UnknownChannelFrames, Is.Zero);
        Assert.That(report.Resyncs, Is.Zero);
        Assert.That(counters["frames_inflated"], Is.EqualTo(362));
        Assert.That(counters["depth_snapshots"], Is.EqualTo(292));
        Assert.That(counters["trade_frames"], Is.EqualTo(44));
        Assert.That(counters["sub_acks"], Is.EqualTo(20));
        Assert.That(counters["pings"], Is.EqualTo(6));
        Assert.That(counters["pongs_queued"], Is.EqualTo(6));
        Assert.That(counters["stale_versions"], Is.Zero);
        Assert.That(counters["trades"], Is.EqualTo(73));
        Assert.That(report.Gaps, Is.Zero, "trade ids are consecutive per symbol across all 44 pushes");
        Assert.That(counters["outbound_records"], Is.EqualTo(26), "20 subs + 6 pongs the recorder sent");
    }

    [Test]
    public void FinalBooksMatchAnIndependentDecimalReplay()
    {
        var report = HtxReplayCheck.Run(RequireShared.File(RecordedFrames.Capture));

        // From a Python Decimal replay of the same file (sizes cut to 8 decimals like the default scale).
        var expected = new (string Symbol, int Bids, int Asks, string Bid, string BidSize, string Ask, string AskSize)[]
        {
            ("borusdt", 141, 150, "710.01", "2.260165", "716.15", "0.118518"),
            ("dogeeth", 150, 150, "0.00011502", "457.97", "0.00011537", "3786.31"),
            ("fil3susdt", 150, 150, "0.00013256", "801691.7856", "0.00013286", "9125434.22849356"),
            ("nesteth", 27, 92, "0.00002272", "930.82", "0.00002288", "441.82"),
            ("omgbtc", 69, 150, "0.000158", "2064.3774", "0.000159", "4049.00551006"),
            ("propyeth", 37, 150, "0.00033547", "57.71", "0.00034108", "183.25"),
            ("trioeth", 26, 150, "0.0000009121", "202452.64", "0.00000092", "13463.35"),
            ("xvgeth", 60, 150, "0.00002742", "771.27", "0.00002772", "1618.41"),
            ("yfihusd", 34, 20, "49988.88", "0.028864", "50171.26", "0.001056"),
            ("zeneth", 61, 90, "0.051602", "4.9655", "0.051873", "2.9925"),
        };
        var books = report.Books.ToDictionary(b => b.Symbol);
        Assert.That(books, Has.Count.EqualTo(10));
        foreach (var e in expected)
        {
            var b = books[e.Symbol];
            Assert.That(
                (b.State, b.BidLevels, b.AskLevels, b.BestBid, b.BestBidSize, b.BestAsk, b.BestAskSize),
                Is.EqualTo(("InSync", e.Bids, e.Asks, e.Bid, e.BidSize, e.Ask, e.AskSize)),
                e.Symbol);
        }
    }

    [Test]
    public void DefaultScalesHoldEveryPriceExactlyAndEverySize()
    {
        var report = HtxReplayCheck.Run(RequireShared.File(RecordedFrames.Capture));
        var errors = report.ErrorsByReason.ToDictionary(e => e.Key, e => e.Value);

        Assert.That(errors.ContainsKey("TooManyDecimals"), Is.False, "prices parse exactly");
        Assert.That(errors.ContainsKey("NumberOverflow"), Is.False);

        // Binary-double sizes (e.g. 4049.005510062893) cannot be held exactly by any 64-bit scale: cut and counted.
        Assert.That(report.Counters.Single(c => c.Key == "sizes_truncated").Value, Is.GreaterThan(0));
    }
}
