using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Velox.Core.Hashing;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Net.Reconnect;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Venues.Okx;
using Velox.Venues.Okx.Connection;
using Velox.Venues.Okx.Session;

namespace Velox.Simulator.Tests.Venues;

public class OkxDialectTests
{
    [Test]
    public void Connector_VerifiesEveryChecksum_AndBooksEqualTheSimulators()
    {
        using var server = VenueSimulatorServer.Okx(seed: 11, eventsPerSecond: 2000);
        server.Start();
        using var connector = CreateClient(server, out var session);

        ClientLoop.RunUntil(connector.DoWork, () => AllInSync(session), "every book in sync");
        ClientLoop.RunFor(connector.DoWork, TimeSpan.FromSeconds(2));
        AssertBooksEqual(server, connector, session);

        var stats = session.Stats;
        Assert.Multiple(() =>
        {
            Assert.That(stats.ChecksumMismatches, Is.Zero);
            Assert.That(stats.SequenceGaps, Is.Zero);
            Assert.That(stats.Errors, Is.Zero);
            Assert.That(stats.Resyncs, Is.Zero);
            Assert.That(stats.BookSnapshots, Is.EqualTo(2));
            Assert.That(stats.ChecksumsVerified, Is.EqualTo(stats.BookSnapshots + stats.BookUpdates));
            Assert.That(stats.SequencesChecked, Is.EqualTo(stats.BookUpdates));
            Assert.That(stats.BookUpdates, Is.GreaterThan(20));
            Assert.That(stats.Trades, Is.GreaterThan(10));
            Assert.That(stats.DeletesOfMissingLevels, Is.Zero);
        });
    }

    [Test]
    public void Connector_SteadyState_AllocatesNothing()
    {
        using var server = VenueSimulatorServer.Okx(seed: 14, eventsPerSecond: 2000);
        server.Start();
        using var connector = CreateClient(server, out var session);
        Func<int> doWork = connector.DoWork;
        ClientLoop.RunUntil(doWork, () => AllInSync(session), "every book in sync");
        ClientLoop.RunFor(doWork, TimeSpan.FromMilliseconds(300));

        var updates = session.Stats.BookUpdates;
        var (bytes, work) = ClientLoop.MeasureAllocations(doWork, TimeSpan.FromSeconds(1));
        Assert.That(session.Stats.BookUpdates - updates, Is.GreaterThan(5));
        Assert.That(work, Is.GreaterThan(0));
        Assert.That(bytes, Is.Zero, "frames → parser → books → checksum on the connector thread");
    }

    [Test]
    public void InjectedFaults_AreDetected_AndTheBooksResync()
    {
        using var server = VenueSimulatorServer.Okx(seed: 12, eventsPerSecond: 2000);
        server.Start();
        using var connector = CreateClient(server, out var session);
        var stats = session.Stats;
        ClientLoop.RunUntil(connector.DoWork, () => AllInSync(session), "every book in sync");

        Assert.That(server.InjectFault(FaultKind.CorruptChecksum), Is.EqualTo(1));
        ClientLoop.RunUntil(connector.DoWork, () => stats.ChecksumMismatches >= 1 && stats.BookSnapshots >= 3 && AllInSync(session), "bad checksum detected and resynced");

        Assert.That(server.InjectFault(FaultKind.DropFrame), Is.EqualTo(1));
        ClientLoop.RunUntil(connector.DoWork, () => stats.SequenceGaps >= 1 && stats.BookSnapshots >= 4 && AllInSync(session), "seqId gap detected and resynced");

        Assert.That(server.InjectFault(FaultKind.MalformedJson), Is.EqualTo(1));
        ClientLoop.RunUntil(connector.DoWork, () => stats.Errors >= 1 && stats.BookSnapshots >= 5 && AllInSync(session), "malformed update detected and resynced");

        Assert.That(server.InjectFault(FaultKind.Disconnect), Is.EqualTo(1));
        ClientLoop.RunUntil(connector.DoWork, () => connector.Connects >= 2 && stats.BookSnapshots >= 7 && AllInSync(session), "reconnected and resynced");

        ClientLoop.RunFor(connector.DoWork, TimeSpan.FromMilliseconds(500));
        AssertBooksEqual(server, connector, session);
        Assert.That(stats.Resyncs, Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task Checksum_IsTheCrcOfTheLevelsAsPrinted()
    {
        using var server = VenueSimulatorServer.Okx(seed: 13, eventsPerSecond: 1000);
        server.Start();
        using var ws = new ClientWebSocket();
        using var cts = new CancellationTokenSource(ClientLoop.Timeout);
        await ws.ConnectAsync(new Uri(server.BaseUrl, "/ws/v5/public"), cts.Token);
        await ws.SendAsync("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"NOPE-USDT\"}]}"u8.ToArray(), WebSocketMessageType.Text, true, cts.Token);
        using (var error = JsonDocument.Parse(await ClientLoop.Receive(ws, cts.Token)))
        {
            Assert.That(error.RootElement.GetProperty("event").GetString(), Is.EqualTo("error"));
        }

        await ws.SendAsync("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"ETH-USDT\"}]}"u8.ToArray(), WebSocketMessageType.Text, true, cts.Token);
        using (var ack = JsonDocument.Parse(await ClientLoop.Receive(ws, cts.Token)))
        {
            Assert.That(ack.RootElement.GetProperty("event").GetString(), Is.EqualTo("subscribe"));
        }

        using var snapshot = JsonDocument.Parse(await ClientLoop.Receive(ws, cts.Token));
        Assert.That(snapshot.RootElement.GetProperty("action").GetString(), Is.EqualTo("snapshot"));
        var data = snapshot.RootElement.GetProperty("data")[0];
        var bids = data.GetProperty("bids");
        var asks = data.GetProperty("asks");
        Assert.That(data.GetProperty("prevSeqId").GetInt64(), Is.EqualTo(-1));

        // The documented rule, computed here independently from the JSON strings.
        var parts = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            if (i < bids.GetArrayLength())
            {
                parts.Add($"{bids[i][0].GetString()}:{bids[i][1].GetString()}");
            }

            if (i < asks.GetArrayLength())
            {
                parts.Add($"{asks[i][0].GetString()}:{asks[i][1].GetString()}");
            }
        }

        var expected = (int)Crc32.Compute(Encoding.ASCII.GetBytes(string.Join(':', parts)));
        Assert.That(data.GetProperty("checksum").GetInt32(), Is.EqualTo(expected));
        Assert.That(bids[0][0].GetString(), Does.Not.EndWith("0").And.Contain("."), "trimmed decimals");

        await ws.SendAsync("ping"u8.ToArray(), WebSocketMessageType.Text, true, cts.Token);
        string reply;
        do
        {
            reply = await ClientLoop.Receive(ws, cts.Token);
        }
        while (reply != "pong");
    }

    private static OkxConnector<NullMarketDataHandler> CreateClient(VenueSimulatorServer server, out OkxMarketDataSession session)
    {
        var registry = new InstrumentRegistry();
        session = new OkxMarketDataSession(registry);
        for (var i = 0; i < server.Exchange.Market.Count; i++)
        {
            var spec = server.Exchange.Market[i].Spec;
            registry.Add(OkxVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
            session.Subscribe(OkxChannel.Books, spec.Symbol);
            session.Subscribe(OkxChannel.Trades, spec.Symbol);
        }

        var reconnect = new ReconnectPolicy(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(1));
        return new OkxConnector<NullMarketDataHandler>(new Uri(server.BaseUrl, "/ws/v5/public"), session, default, reconnect);
    }

    private static bool AllInSync(OkxMarketDataSession session)
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

    private static void AssertBooksEqual(VenueSimulatorServer server, OkxConnector<NullMarketDataHandler> connector, OkxMarketDataSession session)
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

    private static bool BooksEqual(VenueSimulatorServer server, OkxMarketDataSession session)
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
