using System.Text;
using Velox.Core.Numerics;
using Velox.MarketData.Capture;
using Velox.Testing;
using Velox.Venues.Coinbase.Replay;

namespace Velox.Venues.Coinbase.Tests.Replay;

public sealed class RecordedCaptureTests
{
    private const string Capture = "coinbase/cryptofeed_COINBASE.ws.28.0";
    private static readonly System.Buffers.SearchValues<byte> DecimalBytes = System.Buffers.SearchValues.Create("0123456789."u8);

    [Test]
    public void CaptureReplaysCleanlyWithKnownCounts()
    {
        var report = CoinbaseReplayCheck.Run(RequireShared.File(Capture));
        var counters = report.Counters.ToDictionary(c => c.Key, c => c.Value);

        Assert.That(report.Frames, Is.EqualTo(9_946));
        Assert.That(report.Errors, Is.Zero, report.ToJson());
        Assert.That(report.UnknownChannelFrames, Is.Zero);
        Assert.That(report.Gaps, Is.Zero);
        Assert.That(report.Resyncs, Is.Zero);
        Assert.That(report.ChecksumsVerified + report.ChecksumMismatches, Is.Zero, "Coinbase level2 has no checksum");
        Assert.That(counters["book_snapshots"], Is.EqualTo(10));
        Assert.That(counters["l2updates"], Is.EqualTo(9_719));
        Assert.That(counters["l2updates_sequence_checked"], Is.Zero, "level2 has no sequence");
        Assert.That(counters["l2updates_ignored"], Is.Zero);
        Assert.That(counters["deletes_of_missing_levels"], Is.Zero);
        Assert.That(counters["crossed_books"], Is.Zero);
        Assert.That(counters["tickers"], Is.EqualTo(107));
        Assert.That(counters["matches"], Is.EqualTo(97));
        Assert.That(counters["last_matches"], Is.EqualTo(10));
        Assert.That(counters["trade_id_gaps"], Is.Zero);
        Assert.That(counters["subscriptions"], Is.EqualTo(3));
        Assert.That(counters["outbound_records"], Is.EqualTo(3));
        Assert.That(counters["connect_records"], Is.EqualTo(1));
        Assert.That(counters["requests_queued"], Is.Zero);
    }

    [Test]
    public void FinalBooksMatchAnIndependentDecimalReplay()
    {
        var report = CoinbaseReplayCheck.Run(RequireShared.File(Capture));

        // Reference values from an independent Python Decimal replay of the same file.
        var expected = new (string Product, int Bids, int Asks, string Bid, string BidSize, string Ask, string AskSize)[]
        {
            ("BAND-BTC", 323, 825, "0.00033388", "0.92", "0.00033421", "36.83"),
            ("BAND-GBP", 148, 162, "14.7366", "27.57", "14.7664", "12"),
            ("CRV-EUR", 389, 297, "3.2956", "96.95", "3.301", "97.66"),
            ("DASH-BTC", 436, 541, "0.00619316", "1.687", "0.00619947", "28.997"),
            ("NMR-EUR", 633, 310, "66.9257", "1.322", "67.021", "11.95"),
            ("NU-GBP", 118, 450, "0.4388", "242.89", "0.4393", "8208.213533"),
            ("SKL-BTC", 225, 407, "0.00001303", "1249.9", "0.00001305", "1817.4"),
            ("SKL-GBP", 102, 175, "0.5747", "1028.6", "0.5768", "1735"),
            ("SKL-USD", 816, 1341, "0.7902", "468", "0.7911", "450"),
            ("YFI-BTC", 203, 458, "0.82553", "0.017061", "0.82696", "0.03"),
        };
        var books = report.Books.ToDictionary(b => b.Symbol);
        Assert.That(books, Has.Count.EqualTo(10));
        foreach (var e in expected)
        {
            var b = books[e.Product];
            Assert.That(
                (b.State, b.BidLevels, b.AskLevels, b.BestBid, b.BestBidSize, b.BestAsk, b.BestAskSize),
                Is.EqualTo(("InSync", e.Bids, e.Asks, e.Bid, e.BidSize, e.Ask, e.AskSize)),
                e.Product);
        }
    }

    [Test]
    public void DefaultScalesHoldEveryNumberInTheCapture()
    {
        using var reader = CaptureReader.Open(RequireShared.File(Capture));
        var checkedNumbers = 0;
        while (reader.TryRead(out var record))
        {
            if (record.Direction != CaptureDirection.Inbound)
            {
                continue;
            }

            // Every quoted decimal (prices, sizes, 24h/30d statistics) must fit both default scales.
            var frame = record.Frame.Span;
            for (var i = 0; i < frame.Length; i++)
            {
                if (frame[i] != (byte)'"' || i + 1 >= frame.Length || (uint)(frame[i + 1] - '0') > 9)
                {
                    continue;
                }

                var end = frame[(i + 1)..].IndexOf((byte)'"');
                var token = frame.Slice(i + 1, end);
                i += end + 1;
                if (token.IndexOfAnyExcept(DecimalBytes) >= 0)
                {
                    continue;
                }

                checkedNumbers++;
                Assert.That(FixedPoint.TryParse(token, CoinbaseVenue.DefaultPriceScale, out _, out var ps), Is.True, $"{Encoding.UTF8.GetString(token)}: {ps}");
                Assert.That(FixedPoint.TryParse(token, CoinbaseVenue.DefaultSizeScale, out _, out var ss), Is.True, $"{Encoding.UTF8.GetString(token)}: {ss}");
            }
        }

        Assert.That(checkedNumbers, Is.GreaterThan(35_000));
    }
}
