using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Binance.Session;
using static Velox.Venues.Binance.Tests.Session.SessionTestSupport;

namespace Velox.Venues.Binance.Tests.Session;

public sealed class ZeroAllocationTests
{
    private const int N = 50_000;

    [Test]
    public void DiffsTradesAndTickersAllocateNothingAfterWarmUp()
    {
        var frames = new byte[N][];
        var diffId = 1000L;
        for (var i = 0; i < N; i++)
        {
            var id = i % 4 >= 2 ? ++diffId : diffId;
            var bid = $"{61000 + (i % 50)}.{i % 100:00}000000";
            var ask = $"{61100 + (i % 50)}.{i % 100:00}000000";
            frames[i] = Encoding.ASCII.GetBytes((i % 4) switch
            {
                0 => "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":" + i + ",\"p\":\"" + bid + "\",\"q\":\"0.02000000\",\"T\":2,\"m\":true,\"M\":true}}",
                1 => "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":" + id + ",\"s\":\"BTCUSDT\",\"b\":\"" + bid + "\",\"B\":\"3.78826000\",\"a\":\"" + ask + "\",\"A\":\"1.54698000\"}}",
                _ => Diff(id, id, $"[[\"{bid}\",\"{(i % 3 == 0 ? "0.00000000" : "1.50000000")}\"],[\"60999.99000000\",\"2.00000000\"]]", $"[[\"{ask}\",\"0.40000000\"]]"),
            });
        }

        var session = NewSession();
        var symbol = session.SubscribeDepth();
        var handler = default(CountingHandler);
        var snapshot = Encoding.ASCII.GetBytes(SnapshotBody(1000, "[[\"61050.00\",\"1\"],[\"50000.00\",\"1\"]]", "[[\"61050.01\",\"1\"],[\"70000.00\",\"1\"]]"));

        var early = Encoding.ASCII.GetBytes(Diff(990, 1000));
        Run(session, symbol, snapshot, early, frames, ref handler);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(session, symbol, snapshot, early, frames, ref handler);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(session.Stats.Errors, Is.Zero, session.LastError.ToString());
        Assert.That(session.Stats.Gaps, Is.Zero);
        Assert.That(allocated, Is.Zero);
        Assert.That(symbol.Depth!.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(handler.Events, Is.GreaterThan(2 * N));
    }

    [Test]
    public void GapBufferAndResnapshotPathAllocatesNothing()
    {
        var session = NewSession();
        var symbol = session.SubscribeDepth();
        var snapshot = Encoding.ASCII.GetBytes(SnapshotBody(100));
        var bridge = Encoding.ASCII.GetBytes(Diff(101, 105));
        var gap = Encoding.ASCII.GetBytes(Diff(110, 112));
        var handler = default(CountingHandler);
        for (var pass = 0; pass < 2; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < N / 10; i++)
            {
                session.ApplySnapshot(symbol, snapshot, 1000, 0, ref handler);
                session.ProcessFrame(bridge, 0, ref handler);
                session.ProcessFrame(gap, 0, ref handler);
                session.TryTakeSnapshotRequest(out _);
            }

            if (pass == 1)
            {
                Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
            }
        }

        Assert.That(session.Stats.Gaps, Is.EqualTo(2 * N / 10));
        Assert.That(session.Stats.ErrorsFor(MarketData.Feeds.FeedError.Internal), Is.Zero);
    }

    private static void Run(BinanceMarketDataSession session, BinanceSymbol symbol, byte[] snapshot, byte[] early, byte[][] frames, ref CountingHandler handler)
    {
        symbol.Depth!.Reset();
        session.ProcessFrame(early, 0, ref handler);
        session.TryTakeSnapshotRequest(out _);
        session.ApplySnapshot(symbol, snapshot, 1000, 0, ref handler);
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
