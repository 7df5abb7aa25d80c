using System.Net.WebSockets;
using System.Text.Json;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Rest;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Simulator.Venues;
using Velox.Venues.Binance;
using Velox.Venues.Binance.Connection;
using Velox.Venues.Binance.Requests;
using Velox.Venues.Binance.Session;

namespace Velox.Simulator.Tests.Venues;

public class BinanceDialectTests
{
    [Test]
    public void Connector_StaysInSync_AndBooksEqualTheSimulators()
    {
        using var server = VenueSimulatorServer.Binance(seed: 5, eventsPerSecond: 2000);
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
            Assert.That(stats.DepthUpdates, Is.GreaterThan(20));
            Assert.That(stats.Trades, Is.GreaterThan(10));
            Assert.That(server.Rest!.Requests, Is.EqualTo(2));
        });
    }

    [Test]
    public void Connector_FollowsBookDislocationsAwayAndBack()
    {
        using var server = VenueSimulatorServer.Binance(seed: 5, eventsPerSecond: 500);
        var spec = server.Exchange.Market[0].Spec;
        var dislocation = new BookDislocation(0, spec.InitialMidRaw, spec.TickRaw, seed: 4) { MinQuietMillis = 150, MaxQuietMillis = 250, MinHoldMillis = 150, MaxHoldMillis = 250 };
        server.Exchange.Dislocation = dislocation;
        server.Start();
        using var client = Client.Create(server);
        client.RunUntilInSync();
        ClientLoop.RunUntil(client.Connector.DoWork, () => dislocation.Jumps >= 3 && dislocation.IsDislocated, "dislocated after a jump back");
        client.AssertBooksEqual();
        ClientLoop.RunUntil(client.Connector.DoWork, () => dislocation.Jumps >= 4 && !dislocation.IsDislocated, "back again");
        client.AssertBooksEqual();
        Assert.That(client.Session.Stats.Gaps, Is.Zero);
    }

    [Test]
    public void Connector_SteadyState_AllocatesNothing()
    {
        using var server = VenueSimulatorServer.Binance(seed: 9, eventsPerSecond: 2000);
        server.Start();
        using var client = Client.Create(server);
        ClientLoop.AssertSteadyStateAllocatesNothing(client.Connector.DoWork, client.AllInSync, () => client.Session.Stats.DepthUpdates, "frames → parser → books on the connector thread");
    }

    [Test]
    public void InjectedFaults_AreDetected_AndTheBooksResync()
    {
        using var server = VenueSimulatorServer.Binance(seed: 6, eventsPerSecond: 2000);
        server.Start();
        using var client = Client.Create(server);
        var stats = client.Session.Stats;
        client.RunUntilInSync();

        ClientLoop.RunUntilPastSnapshots(client.DoWork, () => stats.DepthStale, () => stats.DepthUpdates, client.Describe);
        client.InjectAndResync(FaultKind.DropFrame, () => stats.Gaps >= 1 && stats.Snapshots >= 3, "gap detected and resynced");

        client.InjectAndResync(FaultKind.MalformedJson, () => stats.Errors >= 1 && stats.Snapshots >= 4, "malformed diff detected and resynced");

        Assert.That(server.InjectFault(FaultKind.CorruptChecksum), Is.Zero, "Binance diffs carry no checksum");
        client.InjectAndResync(FaultKind.Disconnect, () => client.Connector.Connects >= 2 && stats.Snapshots >= 6, "reconnected and resynced");

        client.RunThenAssertBooksEqual(TimeSpan.FromMilliseconds(500));
        Assert.That(stats.Resyncs, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task CombinedStream_WrapsFrames_AndUpdateIdsChain()
    {
        using var server = VenueSimulatorServer.Binance(seed: 7, eventsPerSecond: 2000);
        server.Start();
        using var ws = new ClientWebSocket();
        using var cts = new CancellationTokenSource(ClientLoop.Timeout);
        await ws.ConnectAsync(new Uri(server.BaseUrl, "/stream?streams=btcusdt@depth@100ms/ethusdt@trade"), cts.Token);

        long lastU = -1;
        var diffs = 0;
        var trades = 0;
        while (diffs < 10 || trades < 3)
        {
            using var doc = JsonDocument.Parse(await ClientLoop.Receive(ws, cts.Token));
            var stream = doc.RootElement.GetProperty("stream").GetString();
            var data = doc.RootElement.GetProperty("data");
            if (stream == "btcusdt@depth@100ms")
            {
                Assert.That(data.GetProperty("s").GetString(), Is.EqualTo("BTCUSDT"));
                var first = data.GetProperty("U").GetInt64();
                var last = data.GetProperty("u").GetInt64();
                Assert.That(last, Is.GreaterThanOrEqualTo(first));
                Assert.That(data.GetProperty("b").GetArrayLength() + data.GetProperty("a").GetArrayLength(), Is.EqualTo(last - first + 1), "one id per changed level");
                if (lastU >= 0)
                {
                    Assert.That(first, Is.EqualTo(lastU + 1), "U = previous u + 1");
                }

                lastU = last;
                diffs++;
            }
            else
            {
                Assert.That(stream, Is.EqualTo("ethusdt@trade"));
                Assert.That(data.GetProperty("e").GetString(), Is.EqualTo("trade"));
                Assert.That(data.GetProperty("s").GetString(), Is.EqualTo("ETHUSDT"));
                trades++;
            }
        }
    }

    [Test]
    public async Task Rest_ServesDepthSnapshots_AndRefusesBadRequests()
    {
        using var server = VenueSimulatorServer.Binance(seed: 8, eventsPerSecond: 1000);
        server.Start();
        var port = server.Rest!.Port;

        var (status, body) = await ClientLoop.Get(port, "/api/v3/depth?symbol=BTCUSDT&limit=5");
        Assert.That(status, Is.EqualTo(200));
        using (var doc = JsonDocument.Parse(body))
        {
            Assert.That(doc.RootElement.GetProperty("lastUpdateId").GetInt64(), Is.GreaterThan(0));
            Assert.That(doc.RootElement.GetProperty("bids").GetArrayLength(), Is.EqualTo(5));
            Assert.That(doc.RootElement.GetProperty("asks").GetArrayLength(), Is.EqualTo(5));
            var bid = decimal.Parse(doc.RootElement.GetProperty("bids")[0][0].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var ask = decimal.Parse(doc.RootElement.GetProperty("asks")[0][0].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(bid, Is.LessThan(ask));
            Assert.That(doc.RootElement.GetProperty("bids")[0][0].GetString(), Does.Match(@"^\d+\.\d{8}$"));
        }

        (status, body) = await ClientLoop.Get(port, "/api/v3/depth?symbol=NOPE");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body, Does.Contain("-1121"));
        (status, _) = await ClientLoop.Get(port, "/api/v3/depth?symbol=BTCUSDT&limit=0");
        Assert.That(status, Is.EqualTo(400));
        (status, _) = await ClientLoop.Get(port, "/api/v3/ticker");
        Assert.That(status, Is.EqualTo(404));
        (status, _) = await ClientLoop.Http(port, "POST /api/v3/depth?symbol=BTCUSDT HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        Assert.That(status, Is.EqualTo(405));
        (status, _) = await ClientLoop.Http(port, "GARBAGE\r\n\r\n");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(server.Rest.Rejected, Is.EqualTo(2));
    }

    [Test]
    public async Task UsdmFutures_ConnectorSyncsByPu_AndResyncsAfterADroppedDiff()
    {
        using var server = VenueSimulatorServer.BinanceUsdm(seed: 11, eventsPerSecond: 2000);
        server.Start();
        var (status, body) = await ClientLoop.Get(server.Rest!.Port, "/fapi/v1/depth?symbol=BTCUSDT&limit=5");
        Assert.That(status, Is.EqualTo(200));
        using (var doc = JsonDocument.Parse(body))
        {
            Assert.That(doc.RootElement.GetProperty("E").GetInt64(), Is.GreaterThan(0));
            Assert.That(doc.RootElement.GetProperty("T").GetInt64(), Is.GreaterThan(0));
            Assert.That(doc.RootElement.GetProperty("bids").GetArrayLength(), Is.EqualTo(5));
        }

        (status, _) = await ClientLoop.Get(server.Rest.Port, "/api/v3/depth?symbol=BTCUSDT");
        Assert.That(status, Is.EqualTo(404), "futures serve /fapi/v1/depth only");

        using var client = Client.Create(server, BinanceMarket.UsdmFutures);
        var stats = client.Session.Stats;
        client.RunUntilInSync("every futures book in sync");
        client.RunThenAssertBooksEqual(TimeSpan.FromMilliseconds(500));
        Assert.That(stats.Gaps, Is.Zero);
        Assert.That(stats.Errors, Is.Zero);

        ClientLoop.RunUntilPastSnapshots(client.DoWork, () => stats.DepthStale, () => stats.DepthUpdates, client.Describe);
        client.InjectAndResync(FaultKind.DropFrame, () => stats.Gaps >= 1 && stats.Snapshots >= 3, "pu break detected and resynced");
        client.RunThenAssertBooksEqual(TimeSpan.FromMilliseconds(300));
        Assert.That(stats.Resyncs, Is.GreaterThanOrEqualTo(1));
        Assert.That(stats.Errors, Is.Zero);
    }

    [Test]
    public async Task UsdmFutures_DiffsCarryPuAndT_OnTheZeroMillisecondStream()
    {
        using var server = VenueSimulatorServer.BinanceUsdm(seed: 12, eventsPerSecond: 2000);
        server.Start();
        using var ws = new ClientWebSocket();
        using var cts = new CancellationTokenSource(ClientLoop.Timeout);
        await ws.ConnectAsync(new Uri(server.BaseUrl, "/stream?streams=btcusdt@depth@0ms"), cts.Token);

        long lastU = -1;
        for (var diffs = 0; diffs < 10; diffs++)
        {
            using var doc = JsonDocument.Parse(await ClientLoop.Receive(ws, cts.Token));
            Assert.That(doc.RootElement.GetProperty("stream").GetString(), Is.EqualTo("btcusdt@depth@0ms"));
            var data = doc.RootElement.GetProperty("data");
            Assert.That(data.GetProperty("T").GetInt64(), Is.GreaterThan(0));
            if (lastU >= 0)
            {
                Assert.That(data.GetProperty("pu").GetInt64(), Is.EqualTo(lastU), "pu = previous u");
            }

            lastU = data.GetProperty("u").GetInt64();
        }
    }

    private sealed class Client(VenueSimulatorServer server, BinanceMarketDataSession session, BinanceConnector<NullMarketDataHandler> connector, HttpSnapshotClient http)
        : VenueClient<BinanceMarketDataSession, BinanceConnector<NullMarketDataHandler>>(server, session, connector, connector.DoWork, http)
    {
        protected override Func<string>? Describer => Describe;

        public static Client Create(VenueSimulatorServer server, BinanceMarket market = BinanceMarket.Spot)
        {
            var registry = new InstrumentRegistry();
            var session = new BinanceMarketDataSession(registry, new BinanceSessionOptions { Market = market });
            for (var i = 0; i < server.Exchange.Market.Count; i++)
            {
                var spec = server.Exchange.Market[i].Spec;
                registry.Add(server.Exchange.Dialect.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
                session.Subscribe(spec.Symbol, BinanceStreams.Depth | BinanceStreams.Trade);
            }

            var http = SnapshotClient(server);
            return new Client(server, session, new BinanceConnector<NullMarketDataHandler>(new Uri(server.BaseUrl, "/ws"), session, http, default, Reconnect()), http);
        }

        public string Describe()
        {
            var s = Session.Stats;
            var books = string.Join(", ", Session.Symbols.ToArray().Select(x => $"{x!.Instrument.Symbol} {x.Depth!.State} wanted={x.Depth.SnapshotWanted} inflight={x.Depth.SnapshotInFlight}"));
            return $"gaps {s.Gaps}, snapshots {s.Snapshots}, snapshot requests {s.SnapshotRequests}, snapshot failures {Connector.SnapshotFailures}, errors {s.Errors}, connects {Connector.Connects}, last error {Connector.LastError}; {books}";
        }

        protected override IEnumerable<ClientBook> Books() =>
            Session.Symbols.ToArray().Select(x => new ClientBook(x!.Instrument.Symbol, x.Depth!.State, x.Depth.Book.Bids, x.Depth.Book.Asks));
    }
}
