using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Net.Reconnect;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Venues.Kraken;
using Velox.Venues.Kraken.Connection;
using Velox.Venues.Kraken.Session;

namespace Velox.Simulator.Tests.Venues;

public class KrakenDialectTests
{
    [Test]
    public void Connector_VerifiesEveryChecksum_AndBooksEqualTheSimulators()
    {
        using var server = VenueSimulatorServer.Kraken(seed: 31, eventsPerSecond: 2000);
        server.Start();
        using var connector = CreateClient(server, out var session);

        ClientLoop.RunUntil(connector.DoWork, () => AllInSync(session), "every book in sync");
        ClientLoop.RunFor(connector.DoWork, TimeSpan.FromSeconds(2));
        AssertBooksEqual(server, connector, session);

        var stats = session.Stats;
        Assert.Multiple(() =>
        {
            Assert.That(stats.ChecksumMismatches, Is.Zero);
            Assert.That(stats.Errors, Is.Zero);
            Assert.That(stats.Resyncs, Is.Zero);
            Assert.That(stats.BookSnapshots, Is.EqualTo(2));
            Assert.That(stats.ChecksumsVerified, Is.EqualTo(stats.BookUpdates));
            Assert.That(stats.BookUpdates, Is.GreaterThan(20));
            Assert.That(stats.LevelsTruncated, Is.Zero);
            Assert.That(stats.Trades, Is.GreaterThan(10));
            Assert.That(stats.DeletesOfMissingLevels, Is.Zero);
        });
    }

    [Test]
    public void InjectedFaults_AreDetected_AndTheBooksResync()
    {
        using var server = VenueSimulatorServer.Kraken(seed: 32, eventsPerSecond: 2000);
        server.Start();
        using var connector = CreateClient(server, out var session);
        var stats = session.Stats;
        ClientLoop.RunUntil(connector.DoWork, () => AllInSync(session), "every book in sync");

        Assert.That(server.InjectFault(FaultKind.CorruptChecksum), Is.EqualTo(1));
        ClientLoop.RunUntil(connector.DoWork, () => stats.ChecksumMismatches >= 1 && stats.BookSnapshots >= 3 && AllInSync(session), "bad checksum detected and resynced");

        // No sequence numbers on Kraken: the lost update surfaces as a checksum mismatch.
        Assert.That(server.InjectFault(FaultKind.DropFrame), Is.EqualTo(1));
        ClientLoop.RunUntil(connector.DoWork, () => stats.ChecksumMismatches >= 2 && stats.BookSnapshots >= 4 && AllInSync(session), "lost update detected and resynced");

        Assert.That(server.InjectFault(FaultKind.MalformedJson), Is.EqualTo(1));
        ClientLoop.RunUntil(connector.DoWork, () => stats.Errors >= 1 && stats.ChecksumMismatches >= 3 && stats.BookSnapshots >= 5 && AllInSync(session), "malformed update detected and resynced");

        Assert.That(server.InjectFault(FaultKind.Disconnect), Is.EqualTo(1));
        ClientLoop.RunUntil(connector.DoWork, () => connector.Connects >= 2 && stats.BookSnapshots >= 7 && AllInSync(session), "reconnected and resynced");

        ClientLoop.RunFor(connector.DoWork, TimeSpan.FromMilliseconds(500));
        AssertBooksEqual(server, connector, session);
        Assert.That(stats.Resyncs, Is.GreaterThanOrEqualTo(3));
    }

    private static KrakenConnector<NullMarketDataHandler> CreateClient(VenueSimulatorServer server, out KrakenMarketDataSession session)
    {
        var registry = new InstrumentRegistry();
        session = new KrakenMarketDataSession(registry);
        for (var i = 0; i < server.Exchange.Market.Count; i++)
        {
            var spec = server.Exchange.Market[i].Spec;
            registry.Add(KrakenVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
            session.SubscribeBook(spec.Symbol, 1000);
            session.SubscribeTrades(spec.Symbol);
        }

        var reconnect = new ReconnectPolicy(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(1));
        return new KrakenConnector<NullMarketDataHandler>(server.BaseUrl, session, default, reconnect);
    }

    private static bool AllInSync(KrakenMarketDataSession session)
    {
        foreach (var subscription in session.Subscriptions)
        {
            if (subscription!.Book is not null && subscription.State != BookSyncState.InSync)
            {
                return false;
            }
        }

        return true;
    }

    private static void AssertBooksEqual(VenueSimulatorServer server, KrakenConnector<NullMarketDataHandler> connector, KrakenMarketDataSession session)
    {
        server.Exchange.Pause();
        try
        {
            ClientLoop.RunUntil(connector.DoWork, () => BooksEqual(server, session), "client books equal to the simulator's");
        }
        finally
        {
            server.Exchange.Resume();
        }
    }

    private static bool BooksEqual(VenueSimulatorServer server, KrakenMarketDataSession session)
    {
        foreach (var subscription in session.Subscriptions)
        {
            if (subscription!.Book is not { } book)
            {
                continue;
            }

            var (bids, asks) = server.Exchange.CopyBook(server.Exchange.Market.IndexOf(subscription.Instrument.Symbol));
            if (subscription.State != BookSyncState.InSync || !ClientLoop.SameLevels(book.Levels.Bids, bids) || !ClientLoop.SameLevels(book.Levels.Asks, asks))
            {
                return false;
            }
        }

        return true;
    }
}
