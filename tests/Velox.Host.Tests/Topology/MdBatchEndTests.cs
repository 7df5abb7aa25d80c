using Velox.Core.Instruments;
using Velox.Host.Topology;
using Velox.Host.Topology.Orders;
using Velox.Ipc;
using Velox.MarketData.Events;
using Velox.MarketData.Streams;
using Velox.MarketData.Sync;
using Velox.Net.Reconnect;
using Velox.Simulator;
using Velox.Simulator.Hosting;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Host.Tests.Topology;

/// <summary>
/// md's turn (<see cref="MdCommand.Turn"/>) with the real Bitfinex connector against the embedded simulator, into a
/// real market-data stream: each turn that published book levels closes with one batch end per changed book, after
/// all of its levels; idle turns and turns with trades only publish none.
/// </summary>
[NonParallelizable]
public sealed class MdBatchEndTests
{
    [Test]
    public void Each_turn_that_published_levels_ends_with_one_batch_end_per_book()
    {
        var directory = Path.Combine("/dev/shm", $"velox-test-md-batch-{Guid.NewGuid():N}");
        using var server = new BitfinexSimulatorServer(new SimulatorOptions { Seed = 5, EventsPerSecond = 2_000 });
        server.Start();
        try
        {
            using var ipc = new IpcDirectory(new IpcOptions { Directory = directory });
            using var events = ipc.AddExclusivePublication(TopologyStreams.MarketData);
            using var subscription = ipc.AddSubscription(TopologyStreams.MarketData);
            var reader = new MarketDataBatchFragmentHandler<TurnRecorder>(new TurnRecorder(new Dictionary<InstrumentId, int>()));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!(events.IsConnected && subscription.IsConnected) && DateTime.UtcNow < deadline)
            {
                events.DoWork();
                subscription.Poll(ref reader, 16);
                Thread.Sleep(1);
            }

            Assert.That(events.IsConnected, Is.True, "the md stream connects");
            var registry = TopologyInstruments.Create(withBinance: false, out var specs);
            var session = new BitfinexMarketDataSession(registry, new BitfinexSessionOptions { ConfFlags = BitfinexConfFlags.SeqAll | BitfinexConfFlags.OrderBookChecksum });
            foreach (var spec in specs)
            {
                session.SubscribeBook(spec.Symbol, "P0", "F0", 25);
                session.SubscribeTrades(spec.Symbol);
            }

            var reconnect = new ReconnectPolicy(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5), ReconnectJitter.Full, new Random(1));
            using var connector = new BitfinexConnector<MarketDataPublisher>(server.Url, session, new MarketDataPublisher(events, TopologyStreams.BitfinexVenueId), reconnect);

            int bookTurns = 0, idleTurns = 0, otherTurns = 0, batchEnds = 0;
            var read = 0L;
            deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while ((bookTurns < 50 || idleTurns < 50) && DateTime.UtcNow < deadline)
            {
                MdCommand.Turn(connector, null);
                events.DoWork();
                reader.Handler.Reset();
                var published = connector.MarketData.Published;
                while (reader.Handler.Records < published - read && subscription.Poll(ref reader, 256) > 0)
                {
                }

                var turn = reader.Handler;
                Assert.That(reader.Unknown, Is.Zero);
                Assert.That(turn.Records, Is.EqualTo(published - read), "the turn's records all read back");
                Assert.That(turn.Misplaced, Is.Zero, "a batch end closes exactly its book's levels of the turn");
                Assert.That(turn.Levels.Values.Where(n => n > 0), Is.Empty, "every book with levels in the turn got its batch end");
                Assert.That(turn.BatchEnds, Is.EqualTo(turn.Books), "one batch end per changed book");
                read = published;
                batchEnds += turn.BatchEnds;
                if (turn.Books > 0)
                {
                    bookTurns++;
                }
                else if (turn.Records == 0)
                {
                    idleTurns++;
                    Thread.Yield();
                }
                else
                {
                    otherTurns++;
                }
            }

            var story = $"turns with book levels {bookTurns}, idle {idleTurns}, with other records only {otherTurns}";
            Assert.That(bookTurns, Is.GreaterThanOrEqualTo(50), story);
            Assert.That(idleTurns, Is.GreaterThanOrEqualTo(50), story);
            Assert.That(connector.MarketData.BatchEnds, Is.EqualTo(batchEnds));
            Assert.That(connector.MarketData.Dropped, Is.Zero);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>One turn's records as the engine reads them.</summary>
    private struct TurnRecorder(Dictionary<InstrumentId, int> levels) : IMarketDataBatchHandler
    {
        /// <summary>Book levels per instrument not yet closed by a batch end.</summary>
        public readonly Dictionary<InstrumentId, int> Levels = levels;

        public int Records { get; private set; }

        public int BatchEnds { get; private set; }

        /// <summary>Books that got levels in the turn.</summary>
        public int Books { get; private set; }

        /// <summary>Batch ends that did not close exactly the levels seen for their book.</summary>
        public int Misplaced { get; private set; }

        public void Reset()
        {
            Levels.Clear();
            (Records, BatchEnds, Books, Misplaced) = (0, 0, 0, 0);
        }

        public void OnBookUpdate(in BookUpdate update)
        {
            Records++;
            Levels.TryGetValue(update.Instrument, out var n);
            if (n == 0)
            {
                Books++;
            }

            Levels[update.Instrument] = n + 1;
        }

        public void OnTrade(in TradeEvent trade) => Records++;

        public void OnTicker(in TickerEvent ticker) => Records++;

        public void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason) => Records++;

        public void OnBatchEnd(in BatchEndRecord batch)
        {
            Records++;
            BatchEnds++;
            Levels.TryGetValue(batch.Instrument, out var n);
            if (n == 0 || n != batch.BookRecords || batch.Venue != TopologyStreams.BitfinexVenueId)
            {
                Misplaced++;
            }

            Levels[batch.Instrument] = 0;
        }
    }
}
