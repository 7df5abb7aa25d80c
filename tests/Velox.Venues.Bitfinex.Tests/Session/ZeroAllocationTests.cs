using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Parsing;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Venues.Bitfinex.Tests.Session;

public sealed class ZeroAllocationTests
{
    private const int N = 100_000;

    [Test]
    public void ParseApplyAndChecksumAllocateNothingAfterWarmUp()
    {
        var session = NewSession(BitfinexConfFlags.SeqAll | BitfinexConfFlags.OrderBookChecksum);
        var frames = new byte[N][];
        for (var i = 0; i < N; i++)
        {
            var seq = i + 2;
            var price = $"0.000{(i % 40) + 80}e-3";
            frames[i] = (i % 10) switch
            {
                0 => Encoding.ASCII.GetBytes($"[81757,\"hb\",{seq}]"),
                1 => Encoding.ASCII.GetBytes($"[81757,[{price},0,{((i & 1) == 0 ? 1 : -1)}],{seq}]"),
                3 => Encoding.ASCII.GetBytes($"[5,\"te\",[{i},1542045947738,-0.0265425,6443.1],{seq}]"),
                _ => Encoding.ASCII.GetBytes($"[81757,[{price},{1 + (i % 4)},{((i & 1) == 0 ? "" : "-")}{i}.0{i % 7}],{seq}]"),
            };
        }

        var snapshot = Snapshot(withSequence: true);
        var book = session.Find("tXRPBTC", BitfinexChannelType.Book)!.Book!;
        var handler = default(CountingHandler);

        // Warm-up pass (JIT, tiering), then the measured pass over the same frames.
        var warmUp = Run(session, snapshot, frames, book, ref handler);
        session.Sequence.Reset();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var measured = Run(session, snapshot, frames, book, ref handler);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(session.Stats.Errors, Is.Zero, session.LastError.ToString());
        Assert.That(session.Stats.SequenceGaps, Is.Zero);
        Assert.That(handler.Updates, Is.GreaterThan(N));
        Assert.That(measured, Is.EqualTo(warmUp), "same frames, same books, same checksums");
    }

    [Test]
    public void ChecksumMismatchAndResnapshotPathAllocatesNothing()
    {
        var session = NewSession(BitfinexConfFlags.OrderBookChecksum);
        var snapshot = Snapshot(withSequence: false);
        var wrongChecksum = "[81757,\"cs\",12345]"u8.ToArray();
        var subscription = session.Find("tXRPBTC", BitfinexChannelType.Book)!;
        var handler = default(CountingHandler);
        for (var pass = 0; pass < 2; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < N / 10; i++)
            {
                session.ProcessFrame(snapshot, 0, ref handler);
                session.ProcessFrame(wrongChecksum, 0, ref handler);
                session.Outbound.Clear();
            }

            if (pass == 1)
            {
                Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
            }
        }

        Assert.That(subscription.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(session.Stats.ChecksumMismatches, Is.EqualTo(2 * N / 10));
        Assert.That(session.Stats.ErrorsFor(FrameError.Internal), Is.Zero);
    }

    private static BitfinexMarketDataSession NewSession(BitfinexConfFlags flags)
    {
        var session = SessionTestSupport.NewSession();
        session.Feed($"{{\"event\":\"conf\",\"status\":\"OK\",\"flags\":{(long)flags}}}");
        session.Feed("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":81757,\"symbol\":\"tXRPBTC\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}");
        session.Feed("{\"event\":\"subscribed\",\"channel\":\"trades\",\"chanId\":5,\"symbol\":\"tXRPBTC\"}");
        return session;
    }

    private static byte[] Snapshot(bool withSequence)
    {
        var snapshot = new StringBuilder("[81757,[");
        for (var i = 0; i < 25; i++)
        {
            snapshot.Append($"[0.000{100 - i}e-3,{1 + (i % 3)},{1000 + i}.5],[0.000{101 + i}e-3,1,-{2000 + i}.25],");
        }

        snapshot.Length--;
        snapshot.Append(withSequence ? "],1]" : "]]");
        return Encoding.ASCII.GetBytes(snapshot.ToString());
    }

    private static int Run(BitfinexMarketDataSession session, byte[] snapshot, byte[][] frames, MarketData.Books.L2Book book, ref CountingHandler handler)
    {
        var checksum = 0;
        session.ProcessFrame(snapshot, 0, ref handler);
        for (var i = 0; i < frames.Length; i++)
        {
            session.ProcessFrame(frames[i], 0, ref handler);
            if (i % 10 == 2)
            {
                checksum ^= BitfinexChecksum.Compute(book, 10, 8);
            }
        }

        return checksum;
    }

    private struct CountingHandler : IMarketDataHandler
    {
        public long Updates;

        public void OnBookUpdate(in BookUpdate update) => Updates++;

        public void OnTrade(in TradeEvent trade) => Updates++;

        public readonly void OnTicker(in TickerEvent ticker)
        {
        }

        public readonly void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason)
        {
        }
    }
}
