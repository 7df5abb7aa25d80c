using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Mexc.Session;
using static Velox.Venues.Mexc.Tests.Session.MexcMessages;

namespace Velox.Venues.Mexc.Tests.Session;

public sealed class ZeroAllocationTests
{
    private const int N = 20_000;

    [TestCase(MexcMarket.Spot)]
    [TestCase(MexcMarket.Futures)]
    public void PushesAllocateNothingAfterWarmUp(MexcMarket market)
    {
        var frames = new byte[N][];
        var version = 100L;
        for (var i = 0; i < N; i++)
        {
            var deal = market == MexcMarket.Spot && i % 5 == 4;
            version += deal ? 0 : 1;
            var bid = $"{61000 + (i % 50)}.{i % 100:00}";
            var size = i % 3 == 0 ? "0" : "1.5";
            frames[i] = market == MexcMarket.Spot
                ? (deal ? SpotDeals("BTCUSDT", (bid, "0.02", 1 + (i & 1))) : SpotDepth(version, version, [(bid, size)], [("62000.5", "0.4")]))
                : FuturesDepth(version, $"[[{bid},{size},1]]", "[[62000.5,4,1]]");
        }

        var session = NewSession(market);
        var symbol = session.Subscribe(market == MexcMarket.Spot ? "BTCUSDT" : "BTC_USDT");
        var snapshot = market == MexcMarket.Spot ? SpotSnapshot(100) : FuturesSnapshot(100);
        var handler = default(CountingHandler);
        Run(session, symbol, snapshot, frames, ref handler);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(session, symbol, snapshot, frames, ref handler);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(session.Stats.Errors, Is.Zero, session.LastError.ToString());
        Assert.That(session.Stats.Gaps, Is.Zero);
        Assert.That(allocated, Is.Zero);
        Assert.That(symbol.Depth.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(handler.Events, Is.GreaterThan(N));
    }

    private static void Run(MexcMarketDataSession session, MexcSymbol symbol, byte[] snapshot, byte[][] frames, ref CountingHandler handler)
    {
        symbol.Depth.Reset();
        session.ProcessFrame(frames[0], 0, ref handler);
        session.TryTakeSnapshotRequest(out _);
        session.ApplySnapshot(symbol, snapshot, 0, ref handler);
        for (var i = 1; i < frames.Length; i++)
        {
            session.ProcessFrame(frames[i], 0, ref handler);
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
