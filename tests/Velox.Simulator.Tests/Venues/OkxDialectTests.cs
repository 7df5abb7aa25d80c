using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Velox.Core.Hashing;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
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
        using var client = Client.Create(server);

        client.RunUntilInSync();
        client.RunThenAssertBooksEqual(TimeSpan.FromSeconds(2));

        var stats = client.Session.Stats;
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
        using var client = Client.Create(server);
        client.AssertSteadyStateAllocatesNothing(() => client.Session.Stats.BookUpdates, "frames → parser → books → checksum on the connector thread");
    }

    [Test]
    public void InjectedFaults_AreDetected_AndTheBooksResync()
    {
        using var server = VenueSimulatorServer.Okx(seed: 12, eventsPerSecond: 2000);
        server.Start();
        using var client = Client.Create(server);
        var stats = client.Session.Stats;
        client.RunUntilInSync();

        client.InjectAndResync(FaultKind.CorruptChecksum, () => stats.ChecksumMismatches >= 1 && stats.BookSnapshots >= 3, "bad checksum detected and resynced");
        client.InjectAndResync(FaultKind.DropFrame, () => stats.SequenceGaps >= 1 && stats.BookSnapshots >= 4, "seqId gap detected and resynced");
        client.InjectAndResync(FaultKind.MalformedJson, () => stats.Errors >= 1 && stats.BookSnapshots >= 5, "malformed update detected and resynced");
        client.InjectAndResync(FaultKind.Disconnect, () => client.Connector.Connects >= 2 && stats.BookSnapshots >= 7, "reconnected and resynced");

        client.RunThenAssertBooksEqual(TimeSpan.FromMilliseconds(500));
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
        await ClientLoop.Send(ws, "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"NOPE-USDT\"}]}", cts.Token);
        using (var error = JsonDocument.Parse(await ClientLoop.Receive(ws, cts.Token)))
        {
            Assert.That(error.RootElement.GetProperty("event").GetString(), Is.EqualTo("error"));
        }

        await ClientLoop.Send(ws, "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"ETH-USDT\"}]}", cts.Token);
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

        await ClientLoop.Send(ws, "ping", cts.Token);
        string reply;
        do
        {
            reply = await ClientLoop.Receive(ws, cts.Token);
        }
        while (reply != "pong");
    }

    private sealed class Client(VenueSimulatorServer server, OkxMarketDataSession session, OkxConnector<NullMarketDataHandler> connector)
        : VenueClient<OkxMarketDataSession, OkxConnector<NullMarketDataHandler>>(server, session, connector, connector.DoWork)
    {
        public static Client Create(VenueSimulatorServer server)
        {
            var registry = new InstrumentRegistry();
            var session = new OkxMarketDataSession(registry);
            for (var i = 0; i < server.Exchange.Market.Count; i++)
            {
                var spec = server.Exchange.Market[i].Spec;
                registry.Add(OkxVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
                session.Subscribe(OkxChannel.Books, spec.Symbol);
                session.Subscribe(OkxChannel.Trades, spec.Symbol);
            }

            return new Client(server, session, new OkxConnector<NullMarketDataHandler>(new Uri(server.BaseUrl, "/ws/v5/public"), session, default, Reconnect()));
        }

        protected override IEnumerable<ClientBook> Books() =>
            Session.Subscriptions.ToArray().Where(s => s!.Book is not null).Select(s => new ClientBook(s!.Instrument.Symbol, s.State, s.Book!.Levels.Bids, s.Book.Levels.Asks));
    }
}
