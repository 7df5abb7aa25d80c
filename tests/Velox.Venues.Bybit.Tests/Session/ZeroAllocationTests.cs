using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Bybit.Session;

namespace Velox.Venues.Bybit.Tests.Session;

public sealed class ZeroAllocationTests
{
    private const int Passes = 20;

    [TestCase(0, BybitCategory.Linear, 1594)]
    [TestCase(1, BybitCategory.Spot, 548)]
    public void RecordedBookTradeAndTickerFramesAllocateNothingAfterWarmUp(int connection, BybitCategory category, int deltasPerPass)
    {
        var session = BybitTestSupport.NewSession(category);
        var frames = BybitTestSupport.AdoptRecorded(session, connection);
        var handler = default(CountingHandler);

        // Each pass starts every book with its recorded snapshot, so u stays consecutive pass after pass.
        Run(session, frames, ref handler);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var deltasBefore = session.Stats.BookDeltas;
        for (var pass = 0; pass < Passes; pass++)
        {
            Run(session, frames, ref handler);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(session.Stats.BookDeltas - deltasBefore, Is.EqualTo(Passes * deltasPerPass));
        Assert.That(session.Stats.UpdateIdGaps, Is.Zero);
        Assert.That(session.Stats.Errors, Is.Zero);
        Assert.That(handler.Events, Is.GreaterThan(Passes * deltasPerPass));
    }

    [Test]
    public void GapAndResnapshotPathAllocatesNothing()
    {
        var session = BybitTestSupport.Subscribed();
        var snapshot = Encoding.UTF8.GetBytes(BybitTestSupport.Snapshot(10));
        var gapped = Encoding.UTF8.GetBytes(BybitTestSupport.Delta(12, bids: "[\"99\",\"1\"]"));
        var handler = default(CountingHandler);
        for (var pass = 0; pass < 2; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                session.ProcessFrame(snapshot, 0, ref handler);
                session.ProcessFrame(gapped, 0, ref handler);
                session.Outbound.Clear();
            }

            if (pass == 1)
            {
                Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
            }
        }

        Assert.That(session.Stats.UpdateIdGaps, Is.EqualTo(2000));
    }

    private static void Run(BybitMarketDataSession session, List<byte[]> frames, ref CountingHandler handler)
    {
        foreach (var frame in frames)
        {
            session.ProcessFrame(frame, 0, ref handler);
        }
    }

    private struct CountingHandler : IMarketDataHandler
    {
        public long Events;

        public void OnBookUpdate(in BookUpdate update) => Events++;

        public void OnTrade(in TradeEvent trade) => Events++;

        public void OnTicker(in TickerEvent ticker) => Events++;

        public readonly void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason)
        {
        }
    }
}
