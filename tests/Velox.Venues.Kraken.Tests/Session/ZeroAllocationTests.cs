using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Kraken.Session;

namespace Velox.Venues.Kraken.Tests.Session;

public sealed class ZeroAllocationTests
{
    private const int Passes = 5;

    [Test]
    public void RecordedBookFramesAllocateNothingAfterWarmUp()
    {
        var frames = KrakenTestSupport.RecordedFrames("kraken/cryptofeed_KRAKEN.ws.50.0");
        var session = KrakenTestSupport.NewSession();
        var handler = default(CountingHandler);

        // Warm-up pass adopts the subscriptions (cold path) and JITs; each pass re-applies the snapshots.
        Run(session, frames, ref handler);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var pass = 0; pass < Passes; pass++)
        {
            Run(session, frames, ref handler);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(session.Stats.ChecksumsVerified, Is.EqualTo((Passes + 1) * 4269));
        Assert.That(session.Stats.ChecksumMismatches, Is.Zero);
        Assert.That(session.Stats.Errors, Is.Zero);
    }

    [Test]
    public void TradeAndTickerFramesAllocateNothingAfterWarmUp()
    {
        var frames = KrakenTestSupport.RecordedFrames("kraken/cryptofeed_KRAKEN.ws.48.0");
        frames.AddRange(KrakenTestSupport.RecordedFrames("kraken/cryptofeed_KRAKEN.ws.49.0"));
        var session = KrakenTestSupport.NewSession();
        var handler = default(CountingHandler);
        Run(session, frames, ref handler);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var pass = 0; pass < 200; pass++)
        {
            Run(session, frames, ref handler);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(handler.Events, Is.EqualTo(201 * (10 + 18)));
        Assert.That(session.Stats.Errors, Is.Zero);
    }

    private static void Run(KrakenMarketDataSession session, List<byte[]> frames, ref CountingHandler handler)
    {
        foreach (var frame in frames)
        {
            session.ProcessFrame(frame, 0, ref handler);
        }
    }

    private struct CountingHandler : IMarketDataHandler
    {
        public long Events;

        public readonly void OnBookUpdate(in BookUpdate update)
        {
        }

        public void OnTrade(in TradeEvent trade) => Events++;

        public void OnTicker(in TickerEvent ticker) => Events++;

        public readonly void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason)
        {
        }
    }
}
