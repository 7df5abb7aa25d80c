using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using static Velox.Venues.GateIo.Tests.Session.SessionTestSupport;

namespace Velox.Venues.GateIo.Tests.Session;

public sealed class ZeroAllocationTests
{
    private const int N = 30_000;

    [Test]
    public void DiffsTradesAndTickersAllocateNothingAfterWarmUp()
    {
        var frames = new byte[N][];
        var id = 100L;
        for (var i = 0; i < N; i++)
        {
            var px = $"{100 + (i % 20)}.{i % 10}";
            frames[i] = Encoding.ASCII.GetBytes((i % 3) switch
            {
                0 => "{\"time\":1,\"channel\":\"spot.trades\",\"event\":\"update\",\"result\":{\"id\":" + i + ",\"create_time\":1,\"create_time_ms\":\"1619093543708.2642\",\"side\":\"buy\",\"currency_pair\":\"BTC_USDT\",\"amount\":\"0.2010000000\",\"price\":\"" + px + "\"}}",
                1 => "{\"time\":1,\"channel\":\"spot.tickers\",\"event\":\"update\",\"result\":{\"currency_pair\":\"BTC_USDT\",\"last\":\"" + px + "\",\"lowest_ask\":\"101\",\"highest_bid\":\"100\",\"change_percentage\":\"-1.5\",\"base_volume\":\"12.5\",\"high_24h\":\"130\",\"low_24h\":\"90\"}}",
                _ => Diff(++id, id, $"[[\"{px}\",\"{(i % 4 == 0 ? "0" : "1.25")}\"]]", "[[\"121.5\",\"0.5\"]]"),
            });
        }

        var session = NewSession();
        var pair = session.Subscribe("BTC_USDT");
        var snapshot = Encoding.ASCII.GetBytes(SnapshotBody(100).Replace("[[\"99.0\",\"3\"]]", "[[\"99.0\",\"3\"],[\"50\",\"1\"]]").Replace("[\"102.0\",\"5\"]", "[\"102.0\",\"5\"],[\"200\",\"1\"]"));
        var handler = default(CountingHandler);

        Run(session, pair, snapshot, frames, ref handler);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(session, pair, snapshot, frames, ref handler);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(session.Stats.Errors, Is.Zero, session.LastError.ToString());
        Assert.That(session.Stats.Gaps, Is.Zero);
        Assert.That(allocated, Is.Zero);
        Assert.That(pair.Book!.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(handler.Events, Is.GreaterThan(N));
    }

    private static void Run(Velox.Venues.GateIo.Session.GateIoMarketDataSession session, Velox.Venues.GateIo.Session.GateIoPair pair, byte[] snapshot, byte[][] frames, ref CountingHandler handler)
    {
        pair.Book!.Reset();
        session.ApplySnapshot(pair, snapshot, 0, 0, ref handler);
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
