using System.Net.WebSockets;
using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Venues.Coinbase;
using Velox.Venues.Coinbase.Connection;
using Velox.Venues.Coinbase.Parsing;
using Velox.Venues.Coinbase.Requests;
using Velox.Venues.Coinbase.Session;

namespace Velox.Simulator.Tests.Venues;

public class CoinbaseDialectTests
{
    [Test]
    public void Connector_StaysInSync_AndBooksEqualTheSimulators()
    {
        using var server = VenueSimulatorServer.Coinbase(seed: 31, eventsPerSecond: 2000);
        server.Start();
        using var client = Client.Create(server);

        client.RunUntilInSync();
        client.RunThenAssertBooksEqual(TimeSpan.FromSeconds(2));

        var stats = client.Session.Stats;
        Assert.Multiple(() =>
        {
            Assert.That(stats.Errors, Is.Zero);
            Assert.That(stats.BookGaps, Is.Zero);
            Assert.That(stats.DeletesOfMissingLevels, Is.Zero);
            Assert.That(stats.CrossedBooks, Is.Zero);
            Assert.That(stats.Resyncs, Is.Zero);
            Assert.That(stats.BookSnapshots, Is.EqualTo(2));
            Assert.That(stats.BookUpdates, Is.GreaterThan(20));
            Assert.That(stats.Matches, Is.GreaterThan(10));
            Assert.That(stats.TradeIdGaps, Is.Zero, "trade ids are consecutive per product");
            Assert.That(stats.SubscriptionEvents, Is.EqualTo(2), "one subscriptions message per subscribe");
        });
    }

    [Test]
    public void Connector_SteadyState_AllocatesNothing()
    {
        using var server = VenueSimulatorServer.Coinbase(seed: 32, eventsPerSecond: 2000);
        server.Start();
        using var client = Client.Create(server);
        client.AssertSteadyStateAllocatesNothing(() => client.Session.Stats.BookUpdates, "frames → parser → books on the connector thread");
    }

    [Test]
    public void InjectedFaults_AreDetected_AndTheBooksResync()
    {
        using var server = VenueSimulatorServer.Coinbase(seed: 33, eventsPerSecond: 2000);
        server.Start();
        using var client = Client.Create(server);
        var stats = client.Session.Stats;
        client.RunUntilInSync();

        // level2 has no sequence and no checksum: a dropped update cannot be detected reliably, so the simulator offers no such fault.
        Assert.That(server.InjectFault(FaultKind.DropFrame), Is.Zero);
        Assert.That(server.InjectFault(FaultKind.CorruptChecksum), Is.Zero);

        // A truncated l2update still names its product: the error is counted and that book resubscribes for a new snapshot.
        client.InjectAndResync(FaultKind.MalformedJson, () => stats.Errors >= 1 && stats.BookSnapshots >= 3, "malformed update detected and resynced");
        Assert.That(stats.ErrorsFor(FrameError.Malformed), Is.EqualTo(1));

        client.InjectAndResync(FaultKind.Disconnect, () => client.Connector.Connects >= 2 && stats.BookSnapshots >= 5, "reconnected and resynced");

        client.RunThenAssertBooksEqual(TimeSpan.FromMilliseconds(500));
        Assert.That(stats.Resyncs, Is.GreaterThanOrEqualTo(3), "one for the malformed update, two for the reconnect");
        Assert.That(stats.Errors, Is.EqualTo(1));
    }

    [Test]
    public async Task Feed_AnswersAsTheVenue_InTheRecordingsShape()
    {
        using var server = VenueSimulatorServer.Coinbase(seed: 34, eventsPerSecond: 2000);
        server.Start();
        using var ws = new ClientWebSocket();
        using var cts = new CancellationTokenSource(ClientLoop.Timeout);
        await ws.ConnectAsync(server.BaseUrl, cts.Token);

        await ClientLoop.Send(ws, """{"type":"subscribe","product_ids":["NOPE-USD"],"channels":["level2"]}""", cts.Token);
        Assert.That(await ClientLoop.Receive(ws, cts.Token), Is.EqualTo("""{"type":"error","message":"Failed to subscribe","reason":"NOPE-USD is not a valid product"}"""));
        await ClientLoop.Send(ws, """{"type":"subscribe","product_ids":["BTC-USD"],"channels":["full"]}""", cts.Token);
        Assert.That(await ClientLoop.Receive(ws, cts.Token), Does.Contain("full is not a valid channel"));

        await ClientLoop.Send(ws, """{"type":"subscribe","product_ids":["BTC-USD"],"channels":["level2",{"name":"matches","product_ids":["ETH-USD"]},"heartbeat"]}""", cts.Token);
        Assert.That(
            await ClientLoop.Receive(ws, cts.Token),
            Is.EqualTo("""{"type":"subscriptions","channels":[{"name":"level2","product_ids":["BTC-USD"]},{"name":"matches","product_ids":["ETH-USD"]},{"name":"heartbeat","product_ids":["BTC-USD"]}]}"""));
        var snapshot = await ClientLoop.Receive(ws, cts.Token);
        Assert.That(Parse(snapshot).Type, Is.EqualTo(CoinbaseMessageType.Snapshot));
        Assert.That(snapshot, Does.Match("""^\{"type":"snapshot","product_id":"BTC-USD","asks":\[\["\d+\.\d{2}","\d+\.\d{8}"\],"""));

        var updates = 0;
        var matches = 0;
        var heartbeats = 0;
        while (updates < 5 || matches < 3 || heartbeats < 1)
        {
            var text = await ClientLoop.Receive(ws, cts.Token);
            var type = Parse(text).Type;
            switch (type)
            {
                case CoinbaseMessageType.L2Update:
                    Assert.That(text, Does.Match("""^\{"type":"l2update","product_id":"BTC-USD","changes":\[\["(buy|sell)","\d+\.\d{2}","\d+\.\d{8}"\](,\["(buy|sell)","\d+\.\d{2}","\d+\.\d{8}"\])*\],"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z"\}$"""));
                    updates++;
                    break;
                case CoinbaseMessageType.Match:
                    Assert.That(text, Does.Match("""^\{"type":"match","trade_id":\d+,"maker_order_id":"[0-9a-f-]{36}","taker_order_id":"[0-9a-f-]{36}","side":"(buy|sell)","size":"[\d.]+","price":"\d+\.\d{2}","product_id":"ETH-USD","sequence":\d+,"time":"[^"]+Z"\}$"""));
                    matches++;
                    break;
                case CoinbaseMessageType.Heartbeat:
                    Assert.That(text, Does.Match("""^\{"type":"heartbeat","last_trade_id":\d+,"product_id":"BTC-USD","sequence":\d+,"time":"[^"]+Z"\}$"""));
                    heartbeats++;
                    break;
                default:
                    Assert.Fail($"unexpected {type}: {text}");
                    break;
            }
        }

        await ClientLoop.Send(ws, """{"type":"unsubscribe","product_ids":["BTC-USD"],"channels":["level2","heartbeat"]}""", cts.Token);
        string reply;
        do
        {
            reply = await ClientLoop.Receive(ws, cts.Token);
        }
        while (Parse(reply).Type != CoinbaseMessageType.Subscriptions);

        Assert.That(reply, Is.EqualTo("""{"type":"subscriptions","channels":[{"name":"matches","product_ids":["ETH-USD"]}]}"""));
    }

    private static CoinbaseMessage Parse(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.That(CoinbaseMessageParser.TryParse(bytes, out var message, out var error), Is.True, $"{error}: {text}");
        return message;
    }

    private sealed class Client(VenueSimulatorServer server, CoinbaseMarketDataSession session, CoinbaseConnector<NullMarketDataHandler> connector)
        : VenueClient<CoinbaseMarketDataSession, CoinbaseConnector<NullMarketDataHandler>>(server, session, connector, connector.DoWork)
    {
        public static Client Create(VenueSimulatorServer server)
        {
            var registry = new InstrumentRegistry();
            var session = new CoinbaseMarketDataSession(registry);
            for (var i = 0; i < server.Exchange.Market.Count; i++)
            {
                var spec = server.Exchange.Market[i].Spec;
                registry.Add(CoinbaseVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
                session.Subscribe(spec.Symbol, CoinbaseChannels.Level2 | CoinbaseChannels.Matches);
            }

            return new Client(server, session, new CoinbaseConnector<NullMarketDataHandler>(server.BaseUrl, session, default, Reconnect()));
        }

        protected override IEnumerable<ClientBook> Books() =>
            Session.Products.ToArray().Select(p => new ClientBook(p.Instrument.Symbol, p.State, p.Book.Bids, p.Book.Asks));
    }
}
