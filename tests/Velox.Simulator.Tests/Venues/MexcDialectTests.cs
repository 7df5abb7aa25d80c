using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Rest;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Venues.Mexc;
using Velox.Venues.Mexc.Connection;
using Velox.Venues.Mexc.Parsing;
using Velox.Venues.Mexc.Session;

namespace Velox.Simulator.Tests.Venues;

/// <summary>The MEXC spot dialect against our MEXC connector; both built from documentation (not verified on real traffic).</summary>
public class MexcDialectTests
{
    [Test]
    public void Connector_ChainsVersions_FromTheRestSnapshot_AndBooksEqualTheSimulators()
    {
        using var server = VenueSimulatorServer.Mexc(seed: 51, eventsPerSecond: 2000);
        server.Start();
        using var client = Client.Create(server, TimeSpan.FromMilliseconds(200));

        client.RunUntilInSync();
        client.RunThenAssertBooksEqual(TimeSpan.FromSeconds(2));

        var stats = client.Session.Stats;
        Assert.Multiple(() =>
        {
            Assert.That(stats.Gaps, Is.Zero);
            Assert.That(stats.Errors, Is.Zero);
            Assert.That(stats.Resyncs, Is.Zero);
            Assert.That(stats.Snapshots, Is.EqualTo(2));
            Assert.That(server.Rest!.Requests, Is.EqualTo(2));
            Assert.That(stats.DepthUpdates, Is.GreaterThan(20));
            Assert.That(stats.Trades, Is.GreaterThan(10));
            Assert.That(client.Connector.Pings, Is.GreaterThanOrEqualTo(3));
            Assert.That(stats.Replies, Is.GreaterThanOrEqualTo(4 + client.Connector.Pings - 1), "subscription replies and PONGs");
        });
    }

    [Test]
    public void Connector_SteadyState_AllocatesNothing()
    {
        using var server = VenueSimulatorServer.Mexc(seed: 54, eventsPerSecond: 2000);
        server.Start();
        using var client = Client.Create(server, TimeSpan.FromMilliseconds(100));
        var pings = client.Connector.Pings;
        ClientLoop.AssertSteadyStateAllocatesNothing(client.Connector.DoWork, client.AllInSync, () => client.Session.Stats.DepthUpdates, "protobuf frames → parser → books, and PINGs, on the connector thread");
        Assert.That(client.Connector.Pings - pings, Is.GreaterThan(5));
    }

    [Test]
    public void InjectedFaults_AreDetected_AndTheBooksResync()
    {
        using var server = VenueSimulatorServer.Mexc(seed: 52, eventsPerSecond: 2000);
        server.Start();
        using var client = Client.Create(server, TimeSpan.FromSeconds(20));
        var connector = client.Connector;
        var stats = client.Session.Stats;
        ClientLoop.RunUntil(connector.DoWork, client.AllInSync, "every book in sync");

        Assert.That(server.InjectFault(FaultKind.CorruptChecksum), Is.Zero, "MEXC pushes carry no checksum");
        ClientLoop.RunUntilPastSnapshots(connector.DoWork, () => stats.DepthStale, () => stats.DepthUpdates);
        client.InjectAndResync(FaultKind.DropFrame, () => stats.Gaps >= 1 && stats.Snapshots >= 3, "version gap detected and resynced");

        ClientLoop.RunUntilPastSnapshots(connector.DoWork, () => stats.DepthStale, () => stats.DepthUpdates);
        client.InjectAndResync(FaultKind.MalformedJson, () => stats.ErrorsFor(MarketData.Feeds.FeedError.Malformed) >= 1 && stats.Snapshots >= 4, "truncated protobuf counted, the next push's gap resynced");

        client.InjectAndResync(FaultKind.Disconnect, () => connector.Connects >= 2 && stats.Snapshots >= 6, "reconnected and resynced");

        ClientLoop.RunFor(connector.DoWork, TimeSpan.FromMilliseconds(500));
        client.AssertBooksEqual();
        Assert.That(stats.ErrorsFor(MarketData.Feeds.FeedError.Internal), Is.Zero);
    }

    [Test]
    public async Task Wire_RepliesAreJson_PushesAreProtobuf_AndTheRestSnapshotBridgesThem()
    {
        using var server = VenueSimulatorServer.Mexc(seed: 53, eventsPerSecond: 1000);
        server.Start();
        using var ws = new ClientWebSocket();
        using var cts = new CancellationTokenSource(ClientLoop.Timeout);
        await ws.ConnectAsync(new Uri(server.BaseUrl, "/ws"), cts.Token);

        await ClientLoop.Send(ws, "{\"method\":\"SUBSCRIPTION\",\"params\":[\"spot@public.aggre.depth.v3.api.pb@100ms@NOPE\"]}", cts.Token);
        var (refusal, _) = await ClientLoop.ReceiveFrame(ws, cts.Token);
        using (var error = JsonDocument.Parse(refusal))
        {
            Assert.That(error.RootElement.GetProperty("code").GetInt32(), Is.Not.Zero);
        }

        await ClientLoop.Send(ws, "{\"method\":\"SUBSCRIPTION\",\"params\":[\"spot@public.aggre.depth.v3.api.pb@100ms@ETHUSDT\"]}", cts.Token);
        var (reply, type) = await ClientLoop.ReceiveFrame(ws, cts.Token);
        Assert.That(type, Is.EqualTo(WebSocketMessageType.Text));
        using (var ok = JsonDocument.Parse(reply))
        {
            Assert.That(ok.RootElement.GetProperty("code").GetInt32(), Is.Zero);
            Assert.That(ok.RootElement.GetProperty("msg").GetString(), Is.EqualTo("spot@public.aggre.depth.v3.api.pb@100ms@ETHUSDT"));
        }

        var (push, pushType) = await ClientLoop.ReceiveFrame(ws, cts.Token);
        Assert.That(pushType, Is.EqualTo(WebSocketMessageType.Binary));
        Assert.That(SpotPushParser.TryParse(push, out var first, out var parseError), Is.True, parseError.ToString());
        Assert.That(first.Channel, Is.EqualTo(SpotChannel.AggreDepth));
        Assert.That(Encoding.ASCII.GetString(first.ChannelName), Is.EqualTo("spot@public.aggre.depth.v3.api.pb@100ms@ETHUSDT"));
        Assert.That(Encoding.ASCII.GetString(first.Symbol), Is.EqualTo("ETHUSDT"));
        Assert.That(first.ToVersion, Is.GreaterThanOrEqualTo(first.FromVersion));
        var firstTo = first.ToVersion;

        // The documented sync: a snapshot's lastUpdateId is bridged by a later push with fromVersion == lastUpdateId + 1.
        using var http = new HttpSnapshotClient(new SnapshotClientOptions { BaseAddress = server.Rest!.BaseAddress });
        var snapshot = await http.FetchAsync("/api/v3/depth?symbol=ETHUSDT&limit=1000", 1, cts.Token);
        Assert.That(snapshot.Status, Is.EqualTo(SnapshotStatus.Ok));
        using var body = JsonDocument.Parse(snapshot.Body!);
        var lastUpdateId = body.RootElement.GetProperty("lastUpdateId").GetInt64();
        Assert.That(lastUpdateId, Is.GreaterThanOrEqualTo(firstTo));
        var previousTo = firstTo;
        while (previousTo < lastUpdateId + 1)
        {
            var (next, _) = await ClientLoop.ReceiveFrame(ws, cts.Token);
            Assert.That(SpotPushParser.TryParse(next, out var later, out _), Is.True);
            Assert.That(later.FromVersion, Is.EqualTo(previousTo + 1), "versions chain push to push");
            previousTo = later.ToVersion;
            if (later.FromVersion <= lastUpdateId + 1 && lastUpdateId + 1 <= later.ToVersion)
            {
                Assert.That(later.FromVersion, Is.EqualTo(lastUpdateId + 1), "the push after a snapshot starts right after it");
            }
        }

        await ClientLoop.Send(ws, "{\"method\":\"PING\"}", cts.Token);
        string text;
        do
        {
            (var frame, var kind) = await ClientLoop.ReceiveFrame(ws, cts.Token);
            text = kind == WebSocketMessageType.Text ? Encoding.UTF8.GetString(frame) : string.Empty;
        }
        while (!text.Contains("PONG", StringComparison.Ordinal));
    }

    private sealed class Client(VenueSimulatorServer server, MexcMarketDataSession session, MexcConnector<NullMarketDataHandler> connector, HttpSnapshotClient http)
        : VenueClient<MexcMarketDataSession, MexcConnector<NullMarketDataHandler>>(server, session, connector, connector.DoWork, http)
    {
        public static Client Create(VenueSimulatorServer server, TimeSpan pingInterval)
        {
            var registry = new InstrumentRegistry();
            var session = new MexcMarketDataSession(registry);
            for (var i = 0; i < server.Exchange.Market.Count; i++)
            {
                var spec = server.Exchange.Market[i].Spec;
                registry.Add(MexcVenue.Name(MexcMarket.Spot), spec.Symbol, spec.PriceScale, spec.SizeScale);
                session.Subscribe(spec.Symbol);
            }

            var http = SnapshotClient(server);
            return new Client(server, session, new MexcConnector<NullMarketDataHandler>(new Uri(server.BaseUrl, "/ws"), session, http, default, Reconnect(), pingInterval), http);
        }

        protected override IEnumerable<ClientBook> Books() =>
            Session.Symbols.ToArray().Select(x => new ClientBook(x!.Instrument.Symbol, x.Depth.State, x.Depth.Book.Bids, x.Depth.Book.Asks));
    }
}
