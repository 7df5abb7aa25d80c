using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using static Velox.Venues.Coinbase.Tests.Session.SessionTestSupport;

namespace Velox.Venues.Coinbase.Tests.Session;

public sealed class ZeroAllocationTests
{
    private const int N = 100_000;

    [Test]
    public void BookTickerAndMatchFramesAllocateNothingAfterWarmUp()
    {
        var session = NewSession();
        var snapshot = Encoding.UTF8.GetBytes(Snapshot);
        var frames = new byte[N][];
        for (var i = 0; i < N; i++)
        {
            var bid = (i & 1) == 0;
            var price = Price(bid, i);
            frames[i] = (i % 20) switch
            {
                0 => Encoding.UTF8.GetBytes(Match(i, i, (i & 2) == 0 ? "buy" : "sell")),
                1 => Encoding.UTF8.GetBytes($"{{\"type\":\"ticker\",\"sequence\":{i},\"product_id\":\"BTC-USD\",\"price\":\"100.25\",\"open_24h\":\"99\",\"volume_24h\":\"1234.5\",\"low_24h\":\"98\",\"high_24h\":\"102\",\"best_bid\":\"100.00\",\"best_ask\":\"100.50\",\"side\":\"buy\",\"time\":\"2021-04-17T16:43:30.244075Z\",\"trade_id\":{i},\"last_size\":\"0.04\"}}"),
                5 => Encoding.UTF8.GetBytes(L2(bid ? "buy" : "sell", Price(bid, i - 2), "0")),
                _ => Encoding.UTF8.GetBytes(L2(bid ? "buy" : "sell", price, $"{1 + (i % 7)}.{i % 1000}")),
            };
        }

        var handler = default(CountingHandler);
        Run(session, snapshot, frames, ref handler);
        var warmUpErrors = session.Stats.Errors;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(session, snapshot, frames, ref handler);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(session.Stats.Errors, Is.EqualTo(warmUpErrors));
        Assert.That(session.Stats.BookGaps, Is.Zero);
        Assert.That(handler.Events, Is.GreaterThan(N));
    }

    /// <summary>Frame i - 2 (same side) set the price that a delete at frame i removes again.</summary>
    private static string Price(bool bid, int i) => bid ? $"99.{10 + (i % 80):00}" : $"101.{10 + (i % 80):00}";

    private static void Run(Coinbase.Session.CoinbaseMarketDataSession session, byte[] snapshot, byte[][] frames, ref CountingHandler handler)
    {
        // Continuity restarts so the second pass' trade ids and sequences are new again.
        session.OnConnected();
        session.Outbound.Clear();
        session.ProcessFrame(snapshot, 0, ref handler);
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
