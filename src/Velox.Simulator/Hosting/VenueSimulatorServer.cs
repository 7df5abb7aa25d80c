using Velox.Simulator.Bitfinex;
using Velox.Simulator.Faults;
using Velox.Simulator.Market;
using Velox.Simulator.Venues;
using Velox.Simulator.Venues.Binance;
using Velox.Simulator.Venues.Bybit;
using Velox.Simulator.Venues.Htx;
using Velox.Simulator.Venues.Kraken;
using Velox.Simulator.Venues.Mexc;
using Velox.Simulator.Venues.Okx;

namespace Velox.Simulator.Hosting;

/// <summary>
/// One venue dialect on 127.0.0.1: a shared <see cref="VenueExchange"/>, a WebSocket server whose
/// clients each get a <see cref="VenueConnection"/> (one thread per client), and for venues whose book
/// sync needs it a REST server for snapshots.
/// </summary>
public sealed partial class VenueSimulatorServer : IDisposable
{
    private readonly SimulatorClients _clients;

    private VenueSimulatorServer(VenueExchange exchange, Func<IFrameSink, string, VenueConnection> connect, RestServer? rest, int port)
    {
        Exchange = exchange;
        Rest = rest;
        try
        {
            _clients = new SimulatorClients(port, null, (socket, index) =>
                new SimulatorConnection(socket, connect(new WebSocketFrameSink(socket), socket.RequestPath), $"{exchange.Dialect.Name}-sim-{index}"));
        }
        catch
        {
            rest?.Dispose();
            throw;
        }
    }

    /// <summary>The venue's shared market.</summary>
    public VenueExchange Exchange { get; }

    /// <summary>The REST server, if the venue has one.</summary>
    public RestServer? Rest { get; }

    /// <summary>The WebSocket port.</summary>
    public int Port => _clients.Port;

    /// <summary>ws://127.0.0.1:port</summary>
    public Uri BaseUrl => new($"ws://127.0.0.1:{Port}");

    /// <summary>Clients accepted so far.</summary>
    public int AcceptedConnections => _clients.Accepted;

    /// <summary>
    /// Binance spot: WebSocket streams at /ws, /ws/&lt;stream&gt; and /stream?streams=, the WebSocket API (order
    /// entry, user data stream) at /ws-api/v3, REST snapshots at /api/v3/depth and exchangeInfo at
    /// /api/v3/exchangeInfo on <paramref name="restPort"/> (0 = any free port).
    /// </summary>
    public static VenueSimulatorServer Binance(
        int seed, int eventsPerSecond, IReadOnlyList<SimInstrumentSpec>? instruments = null, int port = 0, int restPort = 0, long epochMillis = 1_700_000_000_000)
    {
        var exchange = new VenueExchange(new BinanceDialect(), instruments ?? BinanceDialect.DefaultInstruments, seed, eventsPerSecond, TimeSpan.FromMilliseconds(100), epochMillis);
        var orders = new BinanceOrderEntry(exchange, seed: seed);
        var api = new BinanceRestApi(exchange, orders);
        var rest = new RestServer(api.Handle, restPort);
        return new VenueSimulatorServer(
            exchange,
            (sink, path) => path == BinanceApiConnection.Path ? new BinanceApiConnection(orders, sink) : new BinanceConnection(exchange, sink, path),
            rest,
            port)
        { OrderEntry = orders };
    }

    /// <summary>
    /// Binance USD-M futures market data: the spot streams' paths with <c>pu</c>/<c>T</c> on diffs (and
    /// <c>@depth@0ms</c>), REST snapshots at /fapi/v1/depth on <paramref name="restPort"/>; no order entry.
    /// </summary>
    public static VenueSimulatorServer BinanceUsdm(int seed, int eventsPerSecond, IReadOnlyList<SimInstrumentSpec>? instruments = null, int port = 0, int restPort = 0)
    {
        var exchange = new VenueExchange(new BinanceDialect(usdmFutures: true), instruments ?? BinanceDialect.DefaultInstruments, seed, eventsPerSecond, TimeSpan.FromMilliseconds(100));
        var rest = new RestServer(new BinanceRestApi(exchange).Handle, restPort);
        return new VenueSimulatorServer(exchange, (sink, path) => new BinanceConnection(exchange, sink, path), rest, port);
    }

    /// <summary>The venue's order entry (accounts, matching), where the dialect has one.</summary>
    public BinanceOrderEntry? OrderEntry { get; private init; }

    /// <summary>OKX v5 public: books (snapshot + updates with checksum and seqId) and trades at /ws/v5/public.</summary>
    public static VenueSimulatorServer Okx(int seed, int eventsPerSecond, IReadOnlyList<SimInstrumentSpec>? instruments = null, int port = 0)
    {
        var exchange = new VenueExchange(new OkxDialect(), instruments ?? OkxDialect.DefaultInstruments, seed, eventsPerSecond, TimeSpan.FromMilliseconds(100));
        return new VenueSimulatorServer(exchange, (sink, _) => new OkxConnection(exchange, sink), rest: null, port);
    }

    /// <summary>Bybit v5 public spot: orderbook.1000 snapshot/delta with u continuity and publicTrade at /v5/public/spot.</summary>
    public static VenueSimulatorServer Bybit(int seed, int eventsPerSecond, IReadOnlyList<SimInstrumentSpec>? instruments = null, int port = 0)
    {
        var exchange = new VenueExchange(new BybitDialect(), instruments ?? BybitDialect.DefaultInstruments, seed, eventsPerSecond, TimeSpan.FromMilliseconds(100));
        return new VenueSimulatorServer(exchange, (sink, _) => new BybitConnection(exchange, sink), rest: null, port);
    }

    /// <summary>Kraken WebSocket v1 public: book-1000 with the top-10 checksum, and trade.</summary>
    public static VenueSimulatorServer Kraken(int seed, int eventsPerSecond, IReadOnlyList<SimInstrumentSpec>? instruments = null, int port = 0)
    {
        var exchange = new VenueExchange(new KrakenDialect(), instruments ?? KrakenDialect.DefaultInstruments, seed, eventsPerSecond, TimeSpan.FromMilliseconds(100));
        return new VenueSimulatorServer(exchange, (sink, _) => new KrakenConnection(exchange, sink), rest: null, port);
    }

    /// <summary>
    /// HTX spot public at /ws: gzip-compressed binary frames, depth.step0 full-book pushes and trade.detail, a
    /// server <c>{"ping":N}</c> every <paramref name="pingInterval"/> (default 5 s, as HTX) that the client must answer.
    /// </summary>
    public static VenueSimulatorServer Htx(int seed, int eventsPerSecond, IReadOnlyList<SimInstrumentSpec>? instruments = null, int port = 0, TimeSpan? pingInterval = null)
    {
        var exchange = new VenueExchange(new HtxDialect(), instruments ?? HtxDialect.DefaultInstruments, seed, eventsPerSecond, TimeSpan.FromMilliseconds(100));
        var interval = pingInterval ?? TimeSpan.FromSeconds(5);
        return new VenueSimulatorServer(exchange, (sink, _) => new HtxConnection(exchange, sink, interval), rest: null, port);
    }

    /// <summary>
    /// MEXC spot v3 at /ws: protobuf aggre.depth (fromVersion/toVersion) and aggre.deals pushes, JSON replies, and the
    /// REST snapshot <c>/api/v3/depth</c> on <paramref name="restPort"/>. Built from documentation, not verified on real traffic.
    /// </summary>
    public static VenueSimulatorServer Mexc(int seed, int eventsPerSecond, IReadOnlyList<SimInstrumentSpec>? instruments = null, int port = 0, int restPort = 0)
    {
        var exchange = new VenueExchange(new MexcDialect(), instruments ?? MexcDialect.DefaultInstruments, seed, eventsPerSecond, TimeSpan.FromMilliseconds(100));
        var rest = new RestServer(new BinanceRestApi(exchange).Handle, restPort);
        return new VenueSimulatorServer(exchange, (sink, _) => new MexcConnection(exchange, sink), rest, port);
    }

    /// <summary>Requests <paramref name="kind"/> on every live connection; returns how many took it.</summary>
    public int InjectFault(FaultKind kind) =>
        _clients.ForEachLive(connection => connection is VenueConnection venue && venue.Inject(kind));

    /// <summary>Live connections with a requested fault not yet taken up by their thread (a test waits for 0 before acting on it).</summary>
    public int ConnectionsWithPendingFaults => _clients.ForEachLive(connection => connection is VenueConnection { HasRequestedFaults: true });

    /// <summary>Starts accepting clients (and REST requests).</summary>
    public void Start()
    {
        Rest?.Start();
        _clients.Start();
    }

    /// <summary>Stops accepting, ends every client and releases the ports.</summary>
    public void Dispose()
    {
        _clients.Dispose();
        Rest?.Dispose();
    }
}
