using System.IO.Compression;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Simulator.Venues.Htx;
using Velox.Venues.Htx;
using Velox.Venues.Htx.Connection;
using Velox.Venues.Htx.Parsing;
using Velox.Venues.Htx.Session;

namespace Velox.Simulator.Tests.Venues;

public class HtxDialectTests
{
    private static readonly TimeSpan FastPings = TimeSpan.FromMilliseconds(150);

    [Test]
    public void Connector_InflatesEveryFrame_AnswersPings_AndBooksEqualTheSimulators()
    {
        using var server = VenueSimulatorServer.Htx(seed: 41, eventsPerSecond: 2000, pingInterval: FastPings);
        server.Start();
        using var client = Client.Create(server);
        var connector = client.Connector;

        client.RunUntilInSync();
        client.RunThenAssertBooksEqual(TimeSpan.FromSeconds(2));

        var stats = client.Session.Stats;
        Assert.Multiple(() =>
        {
            Assert.That(stats.Errors, Is.Zero);
            Assert.That(stats.Resyncs, Is.Zero);
            Assert.That(stats.FramesInflated, Is.EqualTo(stats.Frames), "every server frame is gzip");
            Assert.That(stats.Acks, Is.EqualTo(4));
            Assert.That(stats.DepthSnapshots, Is.GreaterThan(20));
            Assert.That(stats.Trades, Is.GreaterThan(10));
            Assert.That(stats.TradeIdGaps, Is.Zero, "trade ids are consecutive per symbol");
            Assert.That(stats.Pings, Is.GreaterThanOrEqualTo(5));
            Assert.That(stats.PongsQueued, Is.EqualTo(stats.Pings));
            Assert.That(connector.Connects, Is.EqualTo(1), "answered pings keep the connection open");
            Assert.That(connector.Disconnects, Is.Zero);
        });
    }

    [Test]
    public void Connector_SteadyState_AllocatesNothing_InflatingAndAnsweringPings()
    {
        using var server = VenueSimulatorServer.Htx(seed: 44, eventsPerSecond: 2000, pingInterval: TimeSpan.FromMilliseconds(100));
        server.Start();
        using var client = Client.Create(server);
        var stats = client.Session.Stats;
        var pongs = stats.PongsQueued;
        client.AssertSteadyStateAllocatesNothing(() => stats.DepthSnapshots, "gzip frames → inflater → parser → books, and pongs, on the connector thread");
        Assert.That(stats.PongsQueued - pongs, Is.GreaterThan(5));
    }

    [Test]
    public void InjectedFaults_AreCounted_AndTheConnectorRecovers()
    {
        using var server = VenueSimulatorServer.Htx(seed: 42, eventsPerSecond: 2000, pingInterval: FastPings);
        server.Start();
        using var client = Client.Create(server);
        var connector = client.Connector;
        var stats = client.Session.Stats;
        client.RunUntilInSync();

        Assert.That(server.InjectFault(FaultKind.DropFrame), Is.Zero, "every push is a whole book: a lost one cannot be told");

        Assert.That(server.InjectFault(FaultKind.CorruptChecksum), Is.EqualTo(1));
        client.RunUntil(() => stats.ErrorsFor(FrameError.BadCompression) >= 1, "gzip CRC mismatch counted");

        var pushes = stats.DepthSnapshots;
        // Cut mid-value or mid-structure, the JSON is Malformed or UnexpectedType: either way one more error.
        client.InjectAndResync(FaultKind.MalformedJson, () => stats.Errors >= 2 && stats.DepthSnapshots > pushes + 2, "truncated JSON counted, next pushes applied");
        Assert.That(stats.ErrorsFor(FrameError.BadCompression), Is.EqualTo(1));

        client.InjectAndResync(FaultKind.MissedPong, () => connector.Connects >= 2, "dropped for lost pongs, reconnected and in sync");
        client.InjectAndResync(FaultKind.Disconnect, () => connector.Connects >= 3, "reconnected and in sync");

        client.RunThenAssertBooksEqual(TimeSpan.FromMilliseconds(500));
        Assert.Multiple(() =>
        {
            Assert.That(stats.ErrorsFor(FrameError.Internal), Is.Zero);
            Assert.That(stats.Errors, Is.EqualTo(2), "one spoiled gzip, one truncated JSON");
            Assert.That(connector.Disconnects, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Wire_IsGzipBinary_AndAClientThatStopsAnsweringPingsIsDisconnected()
    {
        using var server = VenueSimulatorServer.Htx(seed: 43, eventsPerSecond: 1000, pingInterval: FastPings);
        server.Start();
        using var ws = new ClientWebSocket();
        using var cts = new CancellationTokenSource(ClientLoop.Timeout);
        await ws.ConnectAsync(new Uri(server.BaseUrl, "/ws"), cts.Token);

        // Pings may come between replies: they are counted, never answered.
        var pings = 0;
        async Task<string?> Next()
        {
            while (await Receive(ws, cts.Token) is { } frame)
            {
                if (!frame.StartsWith("{\"ping\":", StringComparison.Ordinal))
                {
                    return frame;
                }

                pings++;
            }

            return null;
        }

        await ClientLoop.Send(ws, "{\"sub\":\"market.nope.depth.step0\",\"id\":\"a1\"}", cts.Token);
        using (var error = JsonDocument.Parse((await Next())!))
        {
            Assert.That(error.RootElement.GetProperty("status").GetString(), Is.EqualTo("error"));
            Assert.That(error.RootElement.GetProperty("id").GetString(), Is.EqualTo("a1"));
        }

        await ClientLoop.Send(ws, "{\"sub\":\"market.ethusdt.depth.step0\",\"id\":7}", cts.Token);
        using (var ack = JsonDocument.Parse((await Next())!))
        {
            Assert.That(ack.RootElement.GetProperty("status").GetString(), Is.EqualTo("ok"));
            Assert.That(ack.RootElement.GetProperty("subbed").GetString(), Is.EqualTo("market.ethusdt.depth.step0"));
            Assert.That(ack.RootElement.GetProperty("id").GetInt32(), Is.EqualTo(7));
        }

        // The book push, checked independently of our parser: HTX's shape, 150 levels, best first.
        using (var push = JsonDocument.Parse((await Next())!))
        {
            Assert.That(push.RootElement.GetProperty("ch").GetString(), Is.EqualTo("market.ethusdt.depth.step0"));
            var tick = push.RootElement.GetProperty("tick");
            var bids = tick.GetProperty("bids");
            Assert.That(bids.GetArrayLength(), Is.EqualTo(HtxVenue.StepDepth));
            Assert.That(bids[0][0].GetDecimal(), Is.GreaterThan(bids[1][0].GetDecimal()));
            Assert.That(tick.GetProperty("asks")[0][0].GetDecimal(), Is.GreaterThan(bids[0][0].GetDecimal()));
            Assert.That(tick.GetProperty("version").GetInt64(), Is.GreaterThan(0));
        }

        // Never answer: after two unanswered pings the server hangs up (the loop ends when the socket does).
        while (await Next() is not null)
        {
        }

        Assert.That(pings, Is.EqualTo(HtxConnection.MaxMissedPings));
    }

    /// <summary>The next frame, which must be binary gzip, decompressed; null once the server is gone.</summary>
    private static async Task<string?> Receive(ClientWebSocket ws, CancellationToken ct)
    {
        var buffer = new byte[256 * 1024];
        var length = 0;
        try
        {
            while (true)
            {
                var result = await ws.ReceiveAsync(buffer.AsMemory(length), ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                Assert.That(result.MessageType, Is.EqualTo(WebSocketMessageType.Binary));
                length += result.Count;
                if (result.EndOfMessage)
                {
                    break;
                }
            }
        }
        catch (WebSocketException)
        {
            return null;
        }

        using var gzip = new GZipStream(new MemoryStream(buffer, 0, length), CompressionMode.Decompress);
        using var text = new StreamReader(gzip, Encoding.UTF8);
        return await text.ReadToEndAsync(ct);
    }

    private sealed class Client(VenueSimulatorServer server, HtxMarketDataSession session, HtxConnector<NullMarketDataHandler> connector)
        : VenueClient<HtxMarketDataSession, HtxConnector<NullMarketDataHandler>>(server, session, connector, connector.DoWork)
    {
        /// <summary>HTX pushes the top <see cref="HtxVenue.StepDepth"/> levels only.</summary>
        protected override int ComparedDepth => HtxVenue.StepDepth;

        public static Client Create(VenueSimulatorServer server)
        {
            var registry = new InstrumentRegistry();
            var session = new HtxMarketDataSession(registry);
            for (var i = 0; i < server.Exchange.Market.Count; i++)
            {
                var spec = server.Exchange.Market[i].Spec;
                registry.Add(HtxVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
                session.SubscribeDepth(spec.Symbol);
                session.SubscribeTrades(spec.Symbol);
            }

            return new Client(server, session, new HtxConnector<NullMarketDataHandler>(new Uri(server.BaseUrl, "/ws"), session, default, Reconnect()));
        }

        protected override IEnumerable<ClientBook> Books() =>
            Session.Subscriptions.ToArray().Where(s => s.Book is not null).Select(s => new ClientBook(s.Instrument.Symbol, s.State, s.Book!.Bids, s.Book.Asks));
    }
}
