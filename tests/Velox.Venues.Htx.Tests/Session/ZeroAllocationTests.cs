using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Htx.Session;

namespace Velox.Venues.Htx.Tests.Session;

public sealed class ZeroAllocationTests
{
    [Test]
    public void InflateParseAndApplyAllocateNothingAfterWarmUp()
    {
        var frames = RecordedFrames.Load();
        var session = new HtxMarketDataSession(new InstrumentRegistry());
        var handler = default(CountingHandler);

        // The first pass adopts the topics (cold path) and warms the JIT; then whole recordings are measured.
        Run(session, frames, ref handler);
        Run(session, frames, ref handler);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 5; i++)
        {
            Run(session, frames, ref handler);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(session.Stats.Errors, Is.Zero, session.LastError.ToString());
        Assert.That(session.Stats.DepthSnapshots, Is.EqualTo(7 * 292));
    }

    private static void Run(HtxMarketDataSession session, List<byte[]> frames, ref CountingHandler handler)
    {
        // A new connection restarts the version check, so the same pushes apply again.
        session.OnConnected();
        session.Outbound.Clear();
        foreach (var frame in frames)
        {
            session.ProcessFrame(frame, 0, ref handler);
            session.Outbound.Clear();
        }
    }

    private struct CountingHandler : IMarketDataHandler
    {
        public long Events;

        public void OnBookUpdate(in BookUpdate update) => Events++;

        public void OnTrade(in TradeEvent trade) => Events++;

        public readonly void OnTicker(in TickerEvent ticker)
        {
        }

        public readonly void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason)
        {
        }
    }
}
