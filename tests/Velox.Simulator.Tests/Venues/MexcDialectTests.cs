using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Rest;
using Velox.MarketData.Sync;
using Velox.Net.Reconnect;
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

        ClientLoop.RunUntil(client.Connector.DoWork, client.AllInSync, "every book in sync");
        ClientLoop.RunFor(client.Connector.DoWork, TimeSpan.FromSeconds(2));
        client.AssertBooksEqual(server);

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
        Assert.That(server.InjectFault(FaultKind.DropFrame), Is.EqualTo(1));
        ClientLoop.RunUntil(connector.DoWork, () => stats.Gaps >= 1 && stats.Snapshots >= 3 && client.AllInSync(), "version gap detected and resynced");

        ClientLoop.RunUntilPastSnapshots(connector.DoWork, () => stats.DepthStale, () => stats.DepthUpdates);
        Assert.That(server.InjectFault(FaultKind.MalformedJson), Is.EqualTo(1));
        ClientLoop.RunUntil(connector.DoWork, () => stats.ErrorsFor(MarketData.Feeds.FeedError.Malformed) >= 1 && stats.Snapshots >= 4 && client.AllInSync(), "truncated protobuf counted, the next push's gap resynced");

        Assert.That(server.InjectFault(FaultKind.Disconnect), Is.EqualTo(1));
        ClientLoop.RunUntil(connector.DoWork, () => connector.Connects >= 2 && stats.Snapshots >= 6 && client.AllInSync(), "reconnected and resynced");

        ClientLoop.RunFor(connector.DoWork, TimeSpan.FromMilliseconds(500));
        client.AssertBooksEqual(server);
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

        await Send(ws, "{\"method\":\"SUBSCRIPTION\",\"params\":[\"spot@public.aggre.depth.v3.api.pb@100ms@NOPE\"]}", cts.Token);
        var (refusal, _) = await Receive(ws, cts.Token);
        using (var error = JsonDocument.Parse(refusal))
        {
            Assert.That(error.RootElement.GetProperty("code").GetInt32(), Is.Not.Zero);
        }

        await Send(ws, "{\"method\":\"SUBSCRIPTION\",\"params\":[\"spot@public.aggre.depth.v3.api.pb@100ms@ETHUSDT\"]}", cts.Token);
        var (reply, type) = await Receive(ws, cts.Token);
        Assert.That(type, Is.EqualTo(WebSocketMessageType.Text));
        using (var ok = JsonDocument.Parse(reply))
        {
            Assert.That(ok.RootElement.GetProperty("code").GetInt32(), Is.Zero);
            Assert.That(ok.RootElement.GetProperty("msg").GetString(), Is.EqualTo("spot@public.aggre.depth.v3.api.pb@100ms@ETHUSDT"));
        }

        var (push, pushType) = await Receive(ws, cts.Token);
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
            var (next, _) = await Receive(ws, cts.Token);
            Assert.That(SpotPushParser.TryParse(next, out var later, out _), Is.True);
            Assert.That(later.FromVersion, Is.EqualTo(previousTo + 1), "versions chain push to push");
            previousTo = later.ToVersion;
            if (later.FromVersion <= lastUpdateId + 1 && lastUpdateId + 1 <= later.ToVersion)
            {
                Assert.That(later.FromVersion, Is.EqualTo(lastUpdateId + 1), "the push after a snapshot starts right after it");
            }
        }

        await Send(ws, "{\"method\":\"PING\"}", cts.Token);
        string text;
        do
        {
            (var frame, var kind) = await Receive(ws, cts.Token);
            text = kind == WebSocketMessageType.Text ? Encoding.UTF8.GetString(frame) : string.Empty;
        }
        while (!text.Contains("PONG", StringComparison.Ordinal));
    }

    private static Task Send(ClientWebSocket ws, string text, CancellationToken ct) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

    private static async Task<(byte[] Frame, WebSocketMessageType Type)> Receive(ClientWebSocket ws, CancellationToken ct)
    {
        var buffer = new byte[256 * 1024];
        var length = 0;
        while (true)
        {
            var result = await ws.ReceiveAsync(buffer.AsMemory(length), ct);
            length += result.Count;
            if (result.EndOfMessage)
            {
                return (buffer[..length], result.MessageType);
            }
        }
    }

    private sealed class Client : IDisposable
    {
        private readonly HttpSnapshotClient _http;

        private Client(MexcMarketDataSession session, HttpSnapshotClient http, MexcConnector<NullMarketDataHandler> connector)
        {
            Session = session;
            _http = http;
            Connector = connector;
        }

        public MexcMarketDataSession Session { get; }

        public MexcConnector<NullMarketDataHandler> Connector { get; }

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

            var http = new HttpSnapshotClient(new SnapshotClientOptions { BaseAddress = server.Rest!.BaseAddress, InitialBackoff = TimeSpan.FromMilliseconds(20) });
            var reconnect = new ReconnectPolicy(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(1));
            return new Client(session, http, new MexcConnector<NullMarketDataHandler>(new Uri(server.BaseUrl, "/ws"), session, http, default, reconnect, pingInterval));
        }

        public bool AllInSync()
        {
            foreach (var symbol in Session.Symbols)
            {
                if (symbol!.Depth.State != BookSyncState.InSync)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Stops the market, lets the client catch up, and compares every level.</summary>
        public void AssertBooksEqual(VenueSimulatorServer server) => ClientLoop.RunPaused(server.Exchange, Connector.DoWork, () => BooksEqual(server));

        public void Dispose()
        {
            Connector.Dispose();
            _http.Dispose();
        }

        private bool BooksEqual(VenueSimulatorServer server)
        {
            foreach (var symbol in Session.Symbols)
            {
                var (bids, asks) = server.Exchange.CopyBook(server.Exchange.Market.IndexOf(symbol!.Instrument.Symbol));
                var book = symbol.Depth.Book;
                if (symbol.Depth.State != BookSyncState.InSync || !ClientLoop.SameLevels(book.Bids, bids) || !ClientLoop.SameLevels(book.Asks, asks))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
