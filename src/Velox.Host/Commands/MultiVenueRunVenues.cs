using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.MarketData.Rest;
using Velox.MarketData.Sync;
using Velox.Net.Reconnect;
using Velox.Simulator;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Venues.Binance;
using Velox.Venues.Binance.Connection;
using Velox.Venues.Binance.Requests;
using Velox.Venues.Binance.Session;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Session;
using Velox.Venues.Bybit;
using Velox.Venues.Bybit.Connection;
using Velox.Venues.Bybit.Requests;
using Velox.Venues.Bybit.Session;
using Velox.Venues.Kraken;
using Velox.Venues.Kraken.Connection;
using Velox.Venues.Kraken.Session;
using Velox.Venues.Okx;
using Velox.Venues.Okx.Connection;
using Velox.Venues.Okx.Session;

namespace Velox.Host.Commands;

/// <summary>
/// One venue of `velox run --venues`: its simulator on 127.0.0.1 and our connector. <see cref="DoWork"/>
/// and <see cref="Publish"/> belong to the venue's market-data thread; <see cref="Take"/> and
/// <see cref="InjectFault"/> to the status thread.
/// </summary>
internal abstract class VenueRun : IDisposable
{
    private readonly Lock _lock = new();
    private StatusSnapshot _snapshot;

    protected VenueRun(string name) => Name = name;

    public string Name { get; }

    /// <summary>Where the simulator listens, for the banner.</summary>
    public abstract string Endpoint { get; }

    /// <summary>The connector's last connection problem, if any.</summary>
    public abstract string? LastError { get; }

    /// <summary>One turn of the connector; returns work done.</summary>
    public abstract int DoWork();

    /// <summary>Injects <paramref name="kind"/> into the simulator's live connections; returns how many took it.</summary>
    public abstract int InjectFault(FaultKind kind);

    /// <summary>Closes the connector (market-data thread, after its loop ended).</summary>
    public abstract void Stop();

    public abstract void Dispose();

    /// <summary>Copies the live counters (market-data thread).</summary>
    public void Publish()
    {
        var snapshot = Read();
        lock (_lock)
        {
            _snapshot = snapshot;
        }
    }

    /// <summary>The latest published counters.</summary>
    public StatusSnapshot Take()
    {
        lock (_lock)
        {
            return _snapshot;
        }
    }

    protected abstract StatusSnapshot Read();

    protected static ReconnectPolicy Reconnect(int seed) =>
        new(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(seed));
}

/// <summary>
/// A venue whose simulator is a <see cref="VenueSimulatorServer"/> and whose connector is a <see cref="VenueConnector{TMarketData, TSession}"/>:
/// the connector and server plumbing every such venue shares. A derived class builds its session and connector and
/// maps its session's counters (<see cref="ReadSession"/>).
/// </summary>
internal abstract class SimulatedVenueRun<TPort> : VenueRun
    where TPort : struct, IVenueSessionPort<NullMarketDataHandler>
{
    private readonly string? _restPath;
    private HttpSnapshotClient? _http;

    /// <param name="name">The venue's name in the status lines.</param>
    /// <param name="server">The venue's simulator (started here).</param>
    /// <param name="wsPath">The WebSocket path on the simulator; null for its base address.</param>
    /// <param name="restPath">The REST snapshot path shown in the banner, for venues that take REST snapshots.</param>
    protected SimulatedVenueRun(string name, VenueSimulatorServer server, string? wsPath = null, string? restPath = null)
        : base(name)
    {
        Server = server;
        server.Start();
        WsUrl = wsPath is null ? server.BaseUrl : new Uri(server.BaseUrl, wsPath);
        _restPath = restPath;
    }

    protected VenueSimulatorServer Server { get; }

    /// <summary>The simulator's WebSocket address the connector dials.</summary>
    protected Uri WsUrl { get; }

    /// <summary>Set by the derived constructor once its session is subscribed.</summary>
    protected VenueConnector<NullMarketDataHandler, TPort> Connector { get; set; } = null!;

    public override string Endpoint => _restPath is null ? WsUrl.ToString() : $"{WsUrl} + {Server.Rest!.BaseAddress}{_restPath}";

    public override string? LastError => Connector.LastError;

    public override int DoWork() => Connector.DoWork();

    public override int InjectFault(FaultKind kind) => Server.InjectFault(kind);

    public override void Stop() => Connector.Stop();

    public override void Dispose()
    {
        Connector.Dispose();
        Server.Dispose();
        _http?.Dispose();
    }

    protected sealed override StatusSnapshot Read() => ReadSession() with { Reconnects = Math.Max(0, Connector.Connects - 1) };

    /// <summary>The session's counters as a snapshot (<see cref="StatusSnapshot.Reconnects"/> is filled in from the connector).</summary>
    protected abstract StatusSnapshot ReadSession();

    /// <summary>The REST snapshot client of the simulator's REST server (one per run, disposed with it).</summary>
    protected HttpSnapshotClient SnapshotClient() =>
        _http ??= new HttpSnapshotClient(new SnapshotClientOptions { BaseAddress = Server.Rest!.BaseAddress, InitialBackoff = TimeSpan.FromMilliseconds(50) });

    /// <summary>Adds each simulated instrument to <paramref name="registry"/> under <paramref name="venue"/>, then hands its symbol to <paramref name="subscribe"/>.</summary>
    protected void AddInstruments(InstrumentRegistry registry, string venue, Action<string> subscribe)
    {
        for (var i = 0; i < Server.Exchange.Market.Count; i++)
        {
            var spec = Server.Exchange.Market[i].Spec;
            registry.Add(venue, spec.Symbol, spec.PriceScale, spec.SizeScale);
            subscribe(spec.Symbol);
        }
    }

    /// <summary>The books among <paramref name="items"/> (those <paramref name="state"/> gives a state for) and how many are in sync.</summary>
    protected static (int Books, int InSync) CountBooks<T>(ReadOnlySpan<T> items, Func<T, BookSyncState?> state)
    {
        var books = 0;
        var inSync = 0;
        foreach (var item in items)
        {
            if (state(item) is { } s)
            {
                books++;
                inSync += s == BookSyncState.InSync ? 1 : 0;
            }
        }

        return (books, inSync);
    }

    /// <summary>How many of <paramref name="items"/> have a book in sync (every item counts as a book).</summary>
    protected static (int Books, int InSync) CountInSync<T>(ReadOnlySpan<T> items, Func<T, BookSyncState?> state)
    {
        var inSync = 0;
        foreach (var item in items)
        {
            inSync += state(item) == BookSyncState.InSync ? 1 : 0;
        }

        return (items.Length, inSync);
    }
}

/// <summary>The embedded Bitfinex exchange (per-connection market) and <see cref="BitfinexConnector{TMarketData}"/>.</summary>
internal sealed class BitfinexVenueRun : VenueRun
{
    private readonly BitfinexSimulatorServer _server;
    private readonly BitfinexConnector<NullMarketDataHandler> _connector;
    private readonly RunStatus<NullMarketDataHandler> _status;

    public BitfinexVenueRun(RunOptions options)
        : base(BitfinexVenue.Name)
    {
        var simOptions = new SimulatorOptions { Seed = options.Seed, EventsPerSecond = options.EventsPerSecond };
        _server = new BitfinexSimulatorServer(simOptions);
        _server.Start();
        var registry = new InstrumentRegistry();
        var session = new BitfinexMarketDataSession(registry, new BitfinexSessionOptions
        {
            ConfFlags = BitfinexConfFlags.SeqAll | BitfinexConfFlags.OrderBookChecksum,
        });
        foreach (var spec in simOptions.Instruments)
        {
            registry.Add(BitfinexVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
            session.SubscribeBook(spec.Symbol, "P0", "F0", options.BookLength);
            session.SubscribeTrades(spec.Symbol);
        }

        _connector = new BitfinexConnector<NullMarketDataHandler>(_server.Url, session, default, Reconnect(options.Seed));
        _status = new RunStatus<NullMarketDataHandler>(_connector, simOptions.Instruments.Count);
    }

    public override string Endpoint => _server.Url.ToString();

    public override string? LastError => _connector.LastError;

    public override int DoWork() => _connector.DoWork();

    // The Bitfinex simulator sends no pings, so it has no pongs to lose.
    public override int InjectFault(FaultKind kind) => kind == FaultKind.MissedPong ? 0 : _server.InjectFault(kind, stallMillis: 300);

    public override void Stop() => _connector.Stop();

    public override void Dispose()
    {
        _connector.Dispose();
        _server.Dispose();
    }

    protected override StatusSnapshot Read()
    {
        _status.Publish();
        return _status.Take();
    }
}

/// <summary>
/// The Binance spot or USD-M futures dialect (WebSocket + REST snapshots; futures diffs chain by <c>pu</c>)
/// and <see cref="BinanceConnector{TMarketData}"/> with the session in the same market.
/// </summary>
internal sealed class BinanceVenueRun : SimulatedVenueRun<BinanceSessionPort<NullMarketDataHandler>>
{
    private readonly BinanceConnector<NullMarketDataHandler> _binance;
    private readonly BinanceMarketDataSession _session;

    public BinanceVenueRun(RunOptions options, BinanceMarket market = BinanceMarket.Spot)
        : base(
            BinanceVenue.Name(market),
            market == BinanceMarket.Spot
                ? VenueSimulatorServer.Binance(options.Seed, options.EventsPerSecond)
                : VenueSimulatorServer.BinanceUsdm(unchecked(options.Seed + 6), options.EventsPerSecond),
            "/ws",
            market == BinanceMarket.Spot ? "api/v3/depth" : "fapi/v1/depth")
    {
        var registry = new InstrumentRegistry();
        _session = new BinanceMarketDataSession(registry, new BinanceSessionOptions { Market = market });
        AddInstruments(registry, BinanceVenue.Name(market), symbol => _session.Subscribe(symbol, BinanceStreams.Depth | BinanceStreams.Trade));
        Connector = _binance = new BinanceConnector<NullMarketDataHandler>(WsUrl, _session, SnapshotClient(), default, Reconnect(options.Seed));
    }

    protected override StatusSnapshot ReadSession()
    {
        var stats = _session.Stats;
        var (books, inSync) = CountInSync(_session.Symbols, s => s!.Depth?.State);
        return new StatusSnapshot
        {
            Frames = stats.Frames,
            Books = books,
            BooksInSync = inSync,
            BookUpdates = stats.DepthUpdates,
            Trades = stats.Trades,
            Gaps = stats.Gaps,
            Resyncs = stats.Resyncs,
            Errors = stats.Errors + _binance.SnapshotFailures,
        };
    }
}

/// <summary>The OKX v5 dialect (books with checksum and seqId) and <see cref="OkxConnector{TMarketData}"/>.</summary>
internal sealed class OkxVenueRun : SimulatedVenueRun<OkxSessionPort<NullMarketDataHandler>>
{
    private readonly OkxMarketDataSession _session;

    public OkxVenueRun(RunOptions options)
        : base(OkxVenue.Name, VenueSimulatorServer.Okx(unchecked(options.Seed + 1), options.EventsPerSecond), "/ws/v5/public")
    {
        var registry = new InstrumentRegistry();
        _session = new OkxMarketDataSession(registry);
        AddInstruments(registry, OkxVenue.Name, symbol =>
        {
            _session.Subscribe(OkxChannel.Books, symbol);
            _session.Subscribe(OkxChannel.Trades, symbol);
        });
        Connector = new OkxConnector<NullMarketDataHandler>(WsUrl, _session, default, Reconnect(options.Seed));
    }

    protected override StatusSnapshot ReadSession()
    {
        var stats = _session.Stats;
        var (books, inSync) = CountBooks(_session.Subscriptions, s => s!.Book is null ? null : s.State);
        return new StatusSnapshot
        {
            Frames = stats.Frames,
            Books = books,
            BooksInSync = inSync,
            BookUpdates = stats.BookUpdates,
            Trades = stats.Trades,
            ChecksumsVerified = stats.ChecksumsVerified,
            ChecksumMismatches = stats.ChecksumMismatches,
            Gaps = stats.SequenceGaps,
            Resyncs = stats.Resyncs,
            Errors = stats.Errors,
        };
    }
}

/// <summary>The Bybit v5 spot dialect (orderbook.1000 snapshot/delta with u continuity) and <see cref="BybitConnector{TMarketData}"/>.</summary>
internal sealed class BybitVenueRun : SimulatedVenueRun<BybitSessionPort<NullMarketDataHandler>>
{
    private readonly BybitMarketDataSession _session;

    public BybitVenueRun(RunOptions options)
        : base(BybitVenue.Name, VenueSimulatorServer.Bybit(unchecked(options.Seed + 2), options.EventsPerSecond), "/v5/public/spot")
    {
        var registry = new InstrumentRegistry();
        _session = new BybitMarketDataSession(registry, BybitCategory.Spot);
        AddInstruments(registry, BybitVenue.RegistryVenue(BybitCategory.Spot), symbol =>
        {
            _session.Subscribe(BybitRequests.TopicName(BybitTopic.OrderBook, symbol, 1000));
            _session.Subscribe(BybitRequests.TopicName(BybitTopic.PublicTrade, symbol));
        });
        Connector = new BybitConnector<NullMarketDataHandler>(WsUrl, _session, default, Reconnect(options.Seed));
    }

    protected override StatusSnapshot ReadSession()
    {
        var stats = _session.Stats;
        var (books, inSync) = CountBooks(_session.Subscriptions, s => s!.Book is null ? null : s.State);
        return new StatusSnapshot
        {
            Frames = stats.Frames,
            Books = books,
            BooksInSync = inSync,
            BookUpdates = stats.BookDeltas,
            Trades = stats.Trades,
            Gaps = stats.UpdateIdGaps,
            Resyncs = stats.Resyncs,
            Errors = stats.Errors,
        };
    }
}

/// <summary>The Kraken v1 dialect (book-1000 with the top-10 checksum) and <see cref="KrakenConnector{TMarketData}"/>.</summary>
internal sealed class KrakenVenueRun : SimulatedVenueRun<KrakenSessionPort<NullMarketDataHandler>>
{
    private readonly KrakenMarketDataSession _session;

    public KrakenVenueRun(RunOptions options)
        : base(KrakenVenue.Name, VenueSimulatorServer.Kraken(unchecked(options.Seed + 3), options.EventsPerSecond))
    {
        var registry = new InstrumentRegistry();
        _session = new KrakenMarketDataSession(registry);
        AddInstruments(registry, KrakenVenue.Name, symbol =>
        {
            _session.SubscribeBook(symbol, 1000);
            _session.SubscribeTrades(symbol);
        });
        Connector = new KrakenConnector<NullMarketDataHandler>(WsUrl, _session, default, Reconnect(options.Seed));
    }

    protected override StatusSnapshot ReadSession()
    {
        var stats = _session.Stats;
        var (books, inSync) = CountBooks(_session.Subscriptions, s => s!.Book is null ? null : s.State);
        return new StatusSnapshot
        {
            Frames = stats.Frames,
            Books = books,
            BooksInSync = inSync,
            BookUpdates = stats.BookUpdates,
            Trades = stats.Trades,
            ChecksumsVerified = stats.ChecksumsVerified,
            ChecksumMismatches = stats.ChecksumMismatches,
            Resyncs = stats.Resyncs,
            Errors = stats.Errors,
        };
    }
}
