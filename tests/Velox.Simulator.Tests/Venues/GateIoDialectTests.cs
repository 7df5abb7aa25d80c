using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Rest;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Venues.GateIo;
using Velox.Venues.GateIo.Connection;
using Velox.Venues.GateIo.Parsing;
using Velox.Venues.GateIo.Session;

namespace Velox.Simulator.Tests.Venues;

public class GateIoDialectTests
{
    [Test]
    public void Connector_StaysInSync_AndBooksEqualTheSimulators()
    {
        using var server = VenueSimulatorServer.GateIo(seed: 21, eventsPerSecond: 2000);
        server.Start();
        using var client = Client.Create(server);

        client.RunUntilInSync();
        client.RunThenAssertBooksEqual(TimeSpan.FromSeconds(2));

        var stats = client.Session.Stats;
        Assert.Multiple(() =>
        {
            Assert.That(stats.Gaps, Is.Zero);
            Assert.That(stats.Errors, Is.Zero);
            Assert.That(stats.Resyncs, Is.Zero);
            Assert.That(stats.Snapshots, Is.EqualTo(2));
            Assert.That(stats.BookUpdates, Is.GreaterThan(20));
            Assert.That(stats.Trades, Is.GreaterThan(10));
            Assert.That(stats.Replies, Is.EqualTo(6), "three subscribes per pair, each acknowledged");
            Assert.That(server.Rest!.Requests, Is.EqualTo(2));
        });
    }

    [Test]
    public void Connector_SteadyState_AllocatesNothing()
    {
        using var server = VenueSimulatorServer.GateIo(seed: 22, eventsPerSecond: 2000);
        server.Start();
        using var client = Client.Create(server);
        Func<int> doWork = client.Connector.DoWork;
        ClientLoop.RunUntil(doWork, client.AllInSync, "every book in sync", client.Describe);
        ClientLoop.RunFor(doWork, TimeSpan.FromMilliseconds(300));

        var updates = client.Session.Stats.BookUpdates;
        var (bytes, work) = ClientLoop.MeasureAllocations(doWork, TimeSpan.FromSeconds(1));
        Assert.That(client.Session.Stats.BookUpdates - updates, Is.GreaterThan(5));
        Assert.That(work, Is.GreaterThan(0));
        Assert.That(bytes, Is.Zero, "frames → parser → books on the connector thread");
    }

    [Test]
    public void InjectedFaults_AreDetected_AndTheBooksResync()
    {
        using var server = VenueSimulatorServer.GateIo(seed: 23, eventsPerSecond: 2000);
        server.Start();
        using var client = Client.Create(server);
        var stats = client.Session.Stats;
        client.RunUntilInSync();

        ClientLoop.RunUntilPastSnapshots(client.DoWork, () => stats.BookStale, () => stats.BookUpdates, client.Describe);
        client.InjectAndResync(FaultKind.DropFrame, () => stats.Gaps >= 1 && stats.Snapshots >= 3, "gap detected and resynced");

        // A diff cut in half: the parse error is counted, and the book it belonged to resyncs at the next diff's gap
        // (the pair is inside the lost result object). Again only past the snapshot, or the lost diff was stale anyway.
        ClientLoop.RunUntilPastSnapshots(client.DoWork, () => stats.BookStale, () => stats.BookUpdates, client.Describe);
        client.InjectAndResync(FaultKind.MalformedJson, () => stats.Errors >= 1 && stats.Snapshots >= 4, "malformed diff detected and resynced");

        Assert.That(server.InjectFault(FaultKind.CorruptChecksum), Is.Zero, "Gate.io diffs carry no checksum");
        client.InjectAndResync(FaultKind.Disconnect, () => client.Connector.Connects >= 2 && stats.Snapshots >= 6, "reconnected and resynced");

        client.RunThenAssertBooksEqual(TimeSpan.FromMilliseconds(500));
        Assert.That(stats.Resyncs, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task Stream_AnswersAsTheVenue_AndTheRestIdBridgesTheDiffs()
    {
        using var server = VenueSimulatorServer.GateIo(seed: 24, eventsPerSecond: 2000);
        server.Start();
        using var ws = new ClientWebSocket();
        using var cts = new CancellationTokenSource(ClientLoop.Timeout);
        await ws.ConnectAsync(new Uri(server.BaseUrl, "/ws/v4/"), cts.Token);

        await ClientLoop.Send(ws, """{"time":1700000000,"channel":"spot.order_book_update","event":"subscribe","payload":["NOPE_USDT","100ms"]}""", cts.Token);
        var refusal = await ClientLoop.Receive(ws, cts.Token);
        Assert.That(GateIoMessageParser.TryParse(Encoding.UTF8.GetBytes(refusal), out var refused, out _), Is.True, refusal);
        Assert.That(refused.IsError, Is.True, refusal);
        Assert.That(refusal, Does.Contain("\"result\":{\"status\":\"fail\"}"));

        await ClientLoop.Send(ws, """{"time":1700000000,"channel":"spot.ping"}""", cts.Token);
        var pong = await ClientLoop.Receive(ws, cts.Token);
        Assert.That(GateIoMessageParser.TryParse(Encoding.UTF8.GetBytes(pong), out var pongMessage, out _), Is.True, pong);
        Assert.That(pongMessage.Channel, Is.EqualTo(GateIoChannel.Ping), pong);

        await ClientLoop.Send(ws, """{"time":1700000000,"channel":"spot.order_book_update","event":"subscribe","payload":["BTC_USDT","100ms"]}""", cts.Token);
        await ClientLoop.Send(ws, """{"time":1700000000,"channel":"spot.trades","event":"subscribe","payload":["BTC_USDT","ETH_USDT"]}""", cts.Token);
        var acks = 0;
        var diffs = new List<(long First, long Last)>();
        long? snapshotId = null;
        var trades = 0;
        while (acks < 2 || trades < 3 || snapshotId is null || diffs.Count == 0 || diffs[^1].Last <= snapshotId)
        {
            var text = await ClientLoop.Receive(ws, cts.Token);
            Assert.That(GateIoMessageParser.TryParse(Encoding.UTF8.GetBytes(text), out var m, out var error), Is.True, $"{error}: {text}");
            if (m.Event == GateIoEventKind.Subscribe)
            {
                Assert.That(text, Does.Match("""^\{"time":\d+,"channel":"spot\.(order_book_update|trades)","event":"subscribe","result":\{"status":"success"\}\}$"""));
                acks++;
                continue;
            }

            Assert.That(m.Event, Is.EqualTo(GateIoEventKind.Update), text);
            if (m.Channel == GateIoChannel.Trades)
            {
                Assert.That(text, Does.Match("""^\{"time":\d+,"channel":"spot\.trades","event":"update","result":\{"id":\d+,"create_time":\d+,"create_time_ms":"\d+\.\d+","side":"(buy|sell)","currency_pair":"(BTC|ETH)_USDT","amount":"\d+\.\d{10}","price":"\d+\.\d{10}"\}\}$"""));
                trades++;
                continue;
            }

            Assert.That(m.Channel, Is.EqualTo(GateIoChannel.OrderBookUpdate), text);
            Assert.That(Encoding.ASCII.GetString(m.Pair), Is.EqualTo("BTC_USDT"));
            Assert.That(text, Does.StartWith("{\"time\":").And.Contain(",\"result\":{\"t\":").And.Contain("\"e\":\"depthUpdate\",\"E\":"));
            using (var doc = JsonDocument.Parse(text))
            {
                var result = doc.RootElement.GetProperty("result");
                Assert.That(result.GetProperty("b").GetArrayLength() + result.GetProperty("a").GetArrayLength(), Is.EqualTo(m.LastId - m.FirstId + 1), "one id per changed level");
            }

            if (diffs.Count > 0)
            {
                Assert.That(m.FirstId, Is.EqualTo(diffs[^1].Last + 1), "U = previous u + 1");
            }

            diffs.Add((m.FirstId, m.LastId));
            if (snapshotId is null && diffs.Count == 2)
            {
                var (status, body) = await ClientLoop.Get(server.Rest!.Port, "/api/v4/spot/order_book?currency_pair=BTC_USDT&limit=1000&with_id=true");
                Assert.That(status, Is.EqualTo(200), body);
                Assert.That(GateIoMessageParser.TryParse(Encoding.UTF8.GetBytes(body), out var book, out var bookError), Is.True, $"{bookError}: {body}");
                Assert.That(book.HasId, Is.True);
                snapshotId = book.Id;
                Assert.That(snapshotId, Is.GreaterThanOrEqualTo(diffs[^1].Last), "the snapshot includes what was already streamed");
            }
        }

        // The documented bridge: the first diff past the snapshot has U <= id+1 <= u.
        var bridge = diffs.First(d => d.Last > snapshotId);
        Assert.That(bridge.First, Is.LessThanOrEqualTo(snapshotId + 1));
        Assert.That(snapshotId + 1, Is.LessThanOrEqualTo(bridge.Last));
    }

    [Test]
    public async Task Rest_ServesOrderBooks_AndRefusesBadRequests()
    {
        using var server = VenueSimulatorServer.GateIo(seed: 25, eventsPerSecond: 1000);
        server.Start();
        var port = server.Rest!.Port;

        var (status, body) = await ClientLoop.Get(port, "/api/v4/spot/order_book?currency_pair=ETH_USDT&limit=5&with_id=true");
        Assert.That(status, Is.EqualTo(200));
        Assert.That(body, Does.Match("""^\{"id":\d+,"asks":\[\["\d+(\.\d+)?","\d+(\.\d+)?"\]"""), "the recording's shape, trimmed decimals");
        using (var doc = JsonDocument.Parse(body))
        {
            Assert.That(doc.RootElement.GetProperty("bids").GetArrayLength(), Is.EqualTo(5));
            Assert.That(doc.RootElement.GetProperty("asks").GetArrayLength(), Is.EqualTo(5));
            var bid = decimal.Parse(doc.RootElement.GetProperty("bids")[0][0].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var ask = decimal.Parse(doc.RootElement.GetProperty("asks")[0][0].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(bid, Is.LessThan(ask));
        }

        (status, body) = await ClientLoop.Get(port, "/api/v4/spot/order_book?currency_pair=ETH_USDT");
        Assert.That(status, Is.EqualTo(200));
        Assert.That(body, Does.StartWith("{\"asks\":"), "no id without with_id=true");
        (status, body) = await ClientLoop.Get(port, "/api/v4/spot/order_book?currency_pair=NOPE_USDT");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body, Does.Contain("INVALID_CURRENCY_PAIR"));
        (status, _) = await ClientLoop.Get(port, "/api/v4/spot/order_book?currency_pair=ETH_USDT&limit=1001");
        Assert.That(status, Is.EqualTo(400));
        (status, _) = await ClientLoop.Get(port, "/api/v4/spot/tickers");
        Assert.That(status, Is.EqualTo(404));
    }

    private sealed class Client(VenueSimulatorServer server, GateIoMarketDataSession session, GateIoConnector<NullMarketDataHandler> connector, HttpSnapshotClient http)
        : VenueClient<GateIoMarketDataSession, GateIoConnector<NullMarketDataHandler>>(server, session, connector, connector.DoWork, http)
    {
        protected override Func<string>? Describer => Describe;

        public static Client Create(VenueSimulatorServer server)
        {
            var registry = new InstrumentRegistry();
            var session = new GateIoMarketDataSession(registry, new GateIoSessionOptions { SnapshotDepth = 1000 });
            for (var i = 0; i < server.Exchange.Market.Count; i++)
            {
                var spec = server.Exchange.Market[i].Spec;
                registry.Add(GateIoVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
                session.Subscribe(spec.Symbol);
            }

            var http = SnapshotClient(server);
            return new Client(server, session, new GateIoConnector<NullMarketDataHandler>(new Uri(server.BaseUrl, "/ws/v4/"), session, http, default, Reconnect()), http);
        }

        public string Describe()
        {
            var s = Session.Stats;
            var books = string.Join(", ", Session.Pairs.ToArray().Select(p => $"{p!.Instrument.Symbol} {p.Book!.State}"));
            return $"gaps {s.Gaps}, snapshots {s.Snapshots}, snapshot requests {s.SnapshotRequests}, snapshot failures {Connector.SnapshotFailures}, errors {s.Errors}, connects {Connector.Connects}, last error {Connector.LastError}; {books}";
        }

        protected override IEnumerable<ClientBook> Books() =>
            Session.Pairs.ToArray().Select(p => new ClientBook(p!.Instrument.Symbol, p.Book!.State, p.Book.Book.Bids, p.Book.Book.Asks));
    }
}
