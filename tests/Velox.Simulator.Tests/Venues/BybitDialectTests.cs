using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Venues.Bybit;
using Velox.Venues.Bybit.Connection;
using Velox.Venues.Bybit.Session;

namespace Velox.Simulator.Tests.Venues;

public class BybitDialectTests
{
    [Test]
    public void Connector_ChecksEveryUpdateId_AndBooksEqualTheSimulators()
    {
        using var server = VenueSimulatorServer.Bybit(seed: 21, eventsPerSecond: 2000);
        server.Start();
        using var client = Client.Create(server);

        client.RunUntilInSync();
        client.RunThenAssertBooksEqual(TimeSpan.FromSeconds(2));

        var stats = client.Session.Stats;
        Assert.Multiple(() =>
        {
            Assert.That(stats.UpdateIdGaps, Is.Zero);
            Assert.That(stats.Errors, Is.Zero);
            Assert.That(stats.Resyncs, Is.Zero);
            Assert.That(stats.BookSnapshots, Is.EqualTo(2));
            Assert.That(stats.UpdateIdsChecked, Is.EqualTo(stats.BookDeltas));
            Assert.That(stats.BookDeltas, Is.GreaterThan(20));
            Assert.That(stats.Trades, Is.GreaterThan(10));
            Assert.That(stats.DeletesOfMissingLevels, Is.Zero);
        });
    }

    [Test]
    public void InjectedFaults_AreDetected_AndTheBooksResync()
    {
        using var server = VenueSimulatorServer.Bybit(seed: 22, eventsPerSecond: 2000);
        server.Start();
        using var client = Client.Create(server);
        var stats = client.Session.Stats;
        client.RunUntilInSync();

        Assert.That(server.InjectFault(FaultKind.CorruptChecksum), Is.Zero, "Bybit books carry no checksum");
        client.InjectAndResync(FaultKind.DropFrame, () => stats.UpdateIdGaps >= 1 && stats.BookSnapshots >= 3, "u gap detected and resynced");
        client.InjectAndResync(FaultKind.MalformedJson, () => stats.Errors >= 1 && stats.BookSnapshots >= 4, "malformed delta detected and resynced");
        client.InjectAndResync(FaultKind.Disconnect, () => client.Connector.Connects >= 2 && stats.BookSnapshots >= 6, "reconnected and resynced");

        client.RunThenAssertBooksEqual(TimeSpan.FromMilliseconds(500));
        Assert.That(stats.Resyncs, Is.GreaterThanOrEqualTo(2));
    }

    private sealed class Client(VenueSimulatorServer server, BybitMarketDataSession session, BybitConnector<NullMarketDataHandler> connector)
        : VenueClient<BybitMarketDataSession, BybitConnector<NullMarketDataHandler>>(server, session, connector, connector.DoWork)
    {
        public static Client Create(VenueSimulatorServer server)
        {
            var registry = new InstrumentRegistry();
            var session = new BybitMarketDataSession(registry, BybitCategory.Spot);
            for (var i = 0; i < server.Exchange.Market.Count; i++)
            {
                var spec = server.Exchange.Market[i].Spec;
                registry.Add(BybitVenue.RegistryVenue(BybitCategory.Spot), spec.Symbol, spec.PriceScale, spec.SizeScale);
                session.Subscribe($"orderbook.1000.{spec.Symbol}");
                session.Subscribe($"publicTrade.{spec.Symbol}");
            }

            return new Client(server, session, new BybitConnector<NullMarketDataHandler>(new Uri(server.BaseUrl, "/v5/public/spot"), session, default, Reconnect()));
        }

        protected override IEnumerable<ClientBook> Books() =>
            Session.Subscriptions.ToArray().Where(s => s!.Book is not null).Select(s => new ClientBook(s!.Instrument.Symbol, s.State, s.Book!.Bids, s.Book.Asks));
    }
}
