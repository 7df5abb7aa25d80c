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
/// the connector and server plumbing every such venue shares.
/// </summary>
internal abstract class SimulatedVenueRun<TPort> : VenueRun
    where TPort : struct, IVenueSessionPort<NullMarketDataHandler>
{
    private HttpSnapshotClient? _http;

    protected SimulatedVenueRun(string name, VenueSimulatorServer server)
        : base(name)
    {
        Server = server;
        server.Start();
    }

    protected VenueSimulatorServer Server { get; }

    /// <summary>Set by the derived constructor once its session is subscribed.</summary>
    protected VenueConnector<NullMarketDataHandler, TPort> Connector { get; set; } = null!;

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

    /// <summary>The REST snapshot client of the simulator's REST server (one per run, disposed with it).</summary>
    protected HttpSnapshotClient SnapshotClient() =>
        _http ??= new HttpSnapshotClient(new SnapshotClientOptions { BaseAddress = Server.Rest!.BaseAddress, InitialBackoff = TimeSpan.FromMilliseconds(50) });

    protected long Reconnects => Math.Max(0, Connector.Connects - 1);

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
    private readonly BinanceMarket _market;

    public BinanceVenueRun(RunOptions options, BinanceMarket market = BinanceMarket.Spot)
        : base(
            BinanceVenue.Name(market),
            market == BinanceMarket.Spot
                ? VenueSimulatorServer.Binance(options.Seed, options.EventsPerSecond)
                : VenueSimulatorServer.BinanceUsdm(unchecked(options.Seed + 6), options.EventsPerSecond))
    {
        _market = market;
        var registry = new InstrumentRegistry();
        _session = new BinanceMarketDataSession(registry, new BinanceSessionOptions { Market = market });
        for (var i = 0; i < Server.Exchange.Market.Count; i++)
        {
            var spec = Server.Exchange.Market[i].Spec;
            registry.Add(BinanceVenue.Name(market), spec.Symbol, spec.PriceScale, spec.SizeScale);
            _session.Subscribe(spec.Symbol, BinanceStreams.Depth | BinanceStreams.Trade);
        }

        Connector = _binance = new BinanceConnector<NullMarketDataHandler>(new Uri(Server.BaseUrl, "/ws"), _session, SnapshotClient(), default, Reconnect(options.Seed));
    }

    public override string Endpoint =>
        $"{new Uri(Server.BaseUrl, "/ws")} + {Server.Rest!.BaseAddress}{(_market == BinanceMarket.Spot ? "api/v3/depth" : "fapi/v1/depth")}";

    protected override StatusSnapshot Read()
    {
        var stats = _session.Stats;
        var inSync = 0;
        foreach (var symbol in _session.Symbols)
        {
            inSync += symbol!.Depth?.State == BookSyncState.InSync ? 1 : 0;
        }

        return new StatusSnapshot
        {
            Frames = stats.Frames,
            Books = _session.Symbols.Length,
            BooksInSync = inSync,
            BookUpdates = stats.DepthUpdates,
            Trades = stats.Trades,
            Gaps = stats.Gaps,
            Resyncs = stats.Resyncs,
            Errors = stats.Errors + _binance.SnapshotFailures,
            Reconnects = Reconnects,
        };
    }
}

/// <summary>The OKX v5 dialect (books with checksum and seqId) and <see cref="OkxConnector{TMarketData}"/>.</summary>
internal sealed class OkxVenueRun : SimulatedVenueRun<OkxSessionPort<NullMarketDataHandler>>
{
    private readonly OkxMarketDataSession _session;

    public OkxVenueRun(RunOptions options)
        : base(OkxVenue.Name, VenueSimulatorServer.Okx(unchecked(options.Seed + 1), options.EventsPerSecond))
    {
        var registry = new InstrumentRegistry();
        _session = new OkxMarketDataSession(registry);
        for (var i = 0; i < Server.Exchange.Market.Count; i++)
        {
            var spec = Server.Exchange.Market[i].Spec;
            registry.Add(OkxVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
            _session.Subscribe(OkxChannel.Books, spec.Symbol);
            _session.Subscribe(OkxChannel.Trades, spec.Symbol);
        }

        Connector = new OkxConnector<NullMarketDataHandler>(new Uri(Server.BaseUrl, "/ws/v5/public"), _session, default, Reconnect(options.Seed));
    }

    public override string Endpoint => new Uri(Server.BaseUrl, "/ws/v5/public").ToString();

    protected override StatusSnapshot Read()
    {
        var stats = _session.Stats;
        var books = 0;
        var inSync = 0;
        foreach (var subscription in _session.Subscriptions)
        {
            if (subscription!.Book is not null)
            {
                books++;
                inSync += subscription.State == BookSyncState.InSync ? 1 : 0;
            }
        }

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
            Reconnects = Reconnects,
        };
    }
}

/// <summary>The Bybit v5 spot dialect (orderbook.1000 snapshot/delta with u continuity) and <see cref="BybitConnector{TMarketData}"/>.</summary>
internal sealed class BybitVenueRun : SimulatedVenueRun<BybitSessionPort<NullMarketDataHandler>>
{
    private readonly BybitMarketDataSession _session;

    public BybitVenueRun(RunOptions options)
        : base(BybitVenue.Name, VenueSimulatorServer.Bybit(unchecked(options.Seed + 2), options.EventsPerSecond))
    {
        var registry = new InstrumentRegistry();
        _session = new BybitMarketDataSession(registry, BybitCategory.Spot);
        for (var i = 0; i < Server.Exchange.Market.Count; i++)
        {
            var spec = Server.Exchange.Market[i].Spec;
            registry.Add(BybitVenue.RegistryVenue(BybitCategory.Spot), spec.Symbol, spec.PriceScale, spec.SizeScale);
            _session.Subscribe(BybitRequests.TopicName(BybitTopic.OrderBook, spec.Symbol, 1000));
            _session.Subscribe(BybitRequests.TopicName(BybitTopic.PublicTrade, spec.Symbol));
        }

        Connector = new BybitConnector<NullMarketDataHandler>(new Uri(Server.BaseUrl, "/v5/public/spot"), _session, default, Reconnect(options.Seed));
    }

    public override string Endpoint => new Uri(Server.BaseUrl, "/v5/public/spot").ToString();

    protected override StatusSnapshot Read()
    {
        var stats = _session.Stats;
        var books = 0;
        var inSync = 0;
        foreach (var subscription in _session.Subscriptions)
        {
            if (subscription!.Book is not null)
            {
                books++;
                inSync += subscription.State == BookSyncState.InSync ? 1 : 0;
            }
        }

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
            Reconnects = Reconnects,
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
        for (var i = 0; i < Server.Exchange.Market.Count; i++)
        {
            var spec = Server.Exchange.Market[i].Spec;
            registry.Add(KrakenVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
            _session.SubscribeBook(spec.Symbol, 1000);
            _session.SubscribeTrades(spec.Symbol);
        }

        Connector = new KrakenConnector<NullMarketDataHandler>(Server.BaseUrl, _session, default, Reconnect(options.Seed));
    }

    public override string Endpoint => Server.BaseUrl.ToString();

    protected override StatusSnapshot Read()
    {
        var stats = _session.Stats;
        var books = 0;
        var inSync = 0;
        foreach (var subscription in _session.Subscriptions)
        {
            if (subscription!.Book is not null)
            {
                books++;
                inSync += subscription.State == BookSyncState.InSync ? 1 : 0;
            }
        }

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
            Reconnects = Reconnects,
        };
    }
}
