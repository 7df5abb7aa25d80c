using Velox.Core.Instruments;
using Velox.MarketData.Events;
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
        using var client = Client.Create(server);

        client.RunUntilInSync();
        client.RunThenAssertBooksEqual(TimeSpan.FromSeconds(2));

        var stats = client.Session.Stats;
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
        using var client = Client.Create(server);
        var stats = client.Session.Stats;
        client.RunUntilInSync();

        client.InjectAndResync(FaultKind.CorruptChecksum, () => stats.ChecksumMismatches >= 1 && stats.BookSnapshots >= 3, "bad checksum detected and resynced");

        // No sequence numbers on Kraken: the lost update surfaces as a checksum mismatch.
        client.InjectAndResync(FaultKind.DropFrame, () => stats.ChecksumMismatches >= 2 && stats.BookSnapshots >= 4, "lost update detected and resynced");
        client.InjectAndResync(FaultKind.MalformedJson, () => stats.Errors >= 1 && stats.ChecksumMismatches >= 3 && stats.BookSnapshots >= 5, "malformed update detected and resynced");
        client.InjectAndResync(FaultKind.Disconnect, () => client.Connector.Connects >= 2 && stats.BookSnapshots >= 7, "reconnected and resynced");

        client.RunThenAssertBooksEqual(TimeSpan.FromMilliseconds(500));
        Assert.That(stats.Resyncs, Is.GreaterThanOrEqualTo(3));
    }

    private sealed class Client(VenueSimulatorServer server, KrakenMarketDataSession session, KrakenConnector<NullMarketDataHandler> connector)
        : VenueClient<KrakenMarketDataSession, KrakenConnector<NullMarketDataHandler>>(server, session, connector, connector.DoWork)
    {
        public static Client Create(VenueSimulatorServer server)
        {
            var registry = new InstrumentRegistry();
            var session = new KrakenMarketDataSession(registry);
            for (var i = 0; i < server.Exchange.Market.Count; i++)
            {
                var spec = server.Exchange.Market[i].Spec;
                registry.Add(KrakenVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
                session.SubscribeBook(spec.Symbol, 1000);
                session.SubscribeTrades(spec.Symbol);
            }

            return new Client(server, session, new KrakenConnector<NullMarketDataHandler>(server.BaseUrl, session, default, Reconnect()));
        }

        protected override IEnumerable<ClientBook> Books() =>
            Session.Subscriptions.ToArray().Where(s => s!.Book is not null).Select(s => new ClientBook(s!.Instrument.Symbol, s.State, s.Book!.Levels.Bids, s.Book.Levels.Asks));
    }
}
