using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Okx.Session;

namespace Velox.Venues.Okx.Tests.Session;

public sealed class ZeroAllocationTests
{
    private const int Passes = 40;

    [Test]
    public void RecordedBookTradeAndTickerFramesAllocateNothingAfterWarmUp()
    {
        var frames = OkxTestSupport.RecordedFrames();
        var session = OkxTestSupport.NewSession();
        var handler = default(CountingHandler);

        // Warm-up pass adopts the subscriptions (cold path) and JITs; then the same frames again and again.
        Run(session, frames, ref handler);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var updatesBefore = session.Stats.BookUpdates;
        for (var pass = 0; pass < Passes; pass++)
        {
            Run(session, frames, ref handler);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(session.Stats.BookUpdates - updatesBefore, Is.EqualTo(Passes * 287));
        Assert.That(session.Stats.ChecksumMismatches, Is.Zero);
        Assert.That(session.Stats.ChecksumsVerified, Is.EqualTo((Passes + 1) * 290));
        Assert.That(session.Stats.Errors, Is.Zero);
        Assert.That(handler.Levels, Is.GreaterThan(Passes * 7000));
    }

    [Test]
    public void ChecksumMismatchAndResnapshotPathAllocatesNothing()
    {
        var frames = OkxTestSupport.RecordedFrames();
        var session = OkxTestSupport.NewSession();
        var snapshot = frames.First(f => OkxTestSupport.IsBook(f, "BTC-USDT"));
        var wrong = "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[],\"ts\":\"1\",\"checksum\":1}]}"u8.ToArray();
        var handler = default(CountingHandler);
        Run(session, frames, ref handler);
        for (var pass = 0; pass < 2; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                session.ProcessFrame(snapshot, 0, ref handler);
                session.ProcessFrame(wrong, 0, ref handler);
                session.Outbound.Clear();
            }

            if (pass == 1)
            {
                Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
            }
        }

        Assert.That(session.Stats.ChecksumMismatches, Is.EqualTo(2000));
    }

    private static void Run(OkxMarketDataSession session, List<byte[]> frames, ref CountingHandler handler)
    {
        foreach (var frame in frames)
        {
            session.ProcessFrame(frame, 0, ref handler);
        }
    }

    private struct CountingHandler : IMarketDataHandler
    {
        public long Levels;

        public void OnBookUpdate(in BookUpdate update) => Levels++;

        public void OnTrade(in TradeEvent trade) => Levels++;

        public void OnTicker(in TickerEvent ticker) => Levels++;

        public readonly void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason)
        {
        }
    }
}
