using Velox.Core;
using Velox.Core.Instruments;
using Velox.Host.Topology;
using Velox.Ipc;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.MarketData.Events;
using Velox.MarketData.Streams;
using Velox.MarketData.Sync;

namespace Velox.Integration.Tests.Topology;

public sealed class MarketDataStreamTests
{
    private static readonly InstrumentId Btc = new(0);
    private static readonly InstrumentId Eth = new(1);

    [Test]
    public void Events_published_to_a_real_ipc_directory_rebuild_the_engine_books()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"velox-topo-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using var ipc = new IpcDirectory(new IpcOptions { Directory = directory, TermLength = 64 * 1024 });
            using var publication = ipc.AddExclusivePublication(TopologyStreams.MarketData);
            using var subscription = ipc.AddSubscription(TopologyStreams.MarketData);
            var books = new EngineBooks();
            var reader = new MarketDataFragmentHandler<EngineBookHandler>(new EngineBookHandler(books));
            AwaitConnected(publication, subscription, ref reader);
            var publisher = new MarketDataPublisher(publication);

            publisher.OnBookState(Btc, BookSyncState.AwaitingSnapshot, ResyncReason.None);
            publisher.OnBookUpdate(new BookUpdate(Btc, Side.Bid, 100, 5, 1, BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin, 1));
            publisher.OnBookUpdate(new BookUpdate(Btc, Side.Bid, 99, 7, 2, BookUpdateFlags.Snapshot, 1));
            publisher.OnBookUpdate(new BookUpdate(Btc, Side.Ask, 101, 3, 1, BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotEnd, 1));
            publisher.OnBookState(Btc, BookSyncState.InSync, ResyncReason.None);
            publisher.OnBookUpdate(new BookUpdate(Btc, Side.Bid, 100, 0, 0, BookUpdateFlags.Delete, 2));
            publisher.OnTrade(new TradeEvent(Btc, 1, 1_700_000_000_000, 100, 5, false, 2));
            publisher.OnBookUpdate(new BookUpdate(Eth, Side.Bid, 10, 1, 1, BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin | BookUpdateFlags.SnapshotEnd, 3));
            Drain(publication, subscription, ref reader, expected: 8);

            Assert.That(publisher.Published, Is.EqualTo(8));
            Assert.That(publisher.Dropped, Is.Zero);
            Assert.That(reader.Unknown, Is.Zero);
            Assert.That(books.Events, Is.EqualTo(8));
            Assert.That(books.Trades, Is.EqualTo(1));
            Assert.That(books.Instruments, Is.EqualTo(2));
            Assert.That(books.Book(Btc)!.TryGetTop(out var bid, out var ask), Is.True);
            Assert.That((bid.Price, bid.Size, ask.Price, ask.Size), Is.EqualTo((99L, 7L, 101L, 3L)));
            Assert.That(books.CountTops(), Is.EqualTo(1), "ETH has no asks");
            Assert.That(books.CountInSync(), Is.EqualTo(1));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void AwaitConnected(ExclusivePublication publication, Subscription subscription, ref MarketDataFragmentHandler<EngineBookHandler> reader)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!publication.IsConnected || !subscription.IsConnected)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"not connected: subscription {subscription.Status}");
            publication.DoWork();
            subscription.Poll(ref reader, 10);
            Thread.Sleep(1);
        }
    }

    private static void Drain(ExclusivePublication publication, Subscription subscription, ref MarketDataFragmentHandler<EngineBookHandler> reader, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var received = 0;
        while (received < expected && DateTime.UtcNow < deadline)
        {
            publication.DoWork();
            received += subscription.Poll(ref reader, 16);
        }
    }
}
