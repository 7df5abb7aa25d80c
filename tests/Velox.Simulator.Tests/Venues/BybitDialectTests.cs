using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Net.Reconnect;
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
        using var connector = CreateClient(server, out var session);

        ClientLoop.RunUntil(connector.DoWork, () => AllInSync(session), "every book in sync");
        ClientLoop.RunFor(connector.DoWork, TimeSpan.FromSeconds(2));
        AssertBooksEqual(server, connector, session);

        var stats = session.Stats;
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
        using var connector = CreateClient(server, out var session);
        var stats = session.Stats;
        ClientLoop.RunUntil(connector.DoWork, () => AllInSync(session), "every book in sync");

        Assert.That(server.InjectFault(FaultKind.CorruptChecksum), Is.Zero, "Bybit books carry no checksum");
        Assert.That(server.InjectFault(FaultKind.DropFrame), Is.EqualTo(1));
        ClientLoop.RunUntil(connector.DoWork, () => stats.UpdateIdGaps >= 1 && stats.BookSnapshots >= 3 && AllInSync(session), "u gap detected and resynced");

        Assert.That(server.InjectFault(FaultKind.MalformedJson), Is.EqualTo(1));
        ClientLoop.RunUntil(connector.DoWork, () => stats.Errors >= 1 && stats.BookSnapshots >= 4 && AllInSync(session), "malformed delta detected and resynced");

        Assert.That(server.InjectFault(FaultKind.Disconnect), Is.EqualTo(1));
        ClientLoop.RunUntil(connector.DoWork, () => connector.Connects >= 2 && stats.BookSnapshots >= 6 && AllInSync(session), "reconnected and resynced");

        ClientLoop.RunFor(connector.DoWork, TimeSpan.FromMilliseconds(500));
        AssertBooksEqual(server, connector, session);
        Assert.That(stats.Resyncs, Is.GreaterThanOrEqualTo(2));
    }

    private static BybitConnector<NullMarketDataHandler> CreateClient(VenueSimulatorServer server, out BybitMarketDataSession session)
    {
        var registry = new InstrumentRegistry();
        session = new BybitMarketDataSession(registry, BybitCategory.Spot);
        for (var i = 0; i < server.Exchange.Market.Count; i++)
        {
            var spec = server.Exchange.Market[i].Spec;
            registry.Add(BybitVenue.RegistryVenue(BybitCategory.Spot), spec.Symbol, spec.PriceScale, spec.SizeScale);
            session.Subscribe($"orderbook.1000.{spec.Symbol}");
            session.Subscribe($"publicTrade.{spec.Symbol}");
        }

        var reconnect = new ReconnectPolicy(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(1));
        return new BybitConnector<NullMarketDataHandler>(new Uri(server.BaseUrl, "/v5/public/spot"), session, default, reconnect);
    }

    private static bool AllInSync(BybitMarketDataSession session)
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

    private static void AssertBooksEqual(VenueSimulatorServer server, BybitConnector<NullMarketDataHandler> connector, BybitMarketDataSession session)
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

    private static bool BooksEqual(VenueSimulatorServer server, BybitMarketDataSession session)
    {
        foreach (var subscription in session.Subscriptions)
        {
            if (subscription!.Book is not { } book)
            {
                continue;
            }

            var (bids, asks) = server.Exchange.CopyBook(server.Exchange.Market.IndexOf(subscription.Instrument.Symbol));
            if (subscription.State != BookSyncState.InSync || !ClientLoop.SameLevels(book.Bids, bids) || !ClientLoop.SameLevels(book.Asks, asks))
            {
                return false;
            }
        }

        return true;
    }
}
