using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Rest;
using Velox.MarketData.Sync;
using Velox.Simulator.Hosting;
using Velox.Venues.GateIo;
using Velox.Venues.GateIo.Connection;
using Velox.Venues.GateIo.Session;

namespace Velox.Host.Commands;

/// <summary>The Gate.io v4 spot dialect (WebSocket diffs with U/u + REST order books with id) and <see cref="GateIoConnector{TMarketData}"/>.</summary>
internal sealed class GateIoVenueRun : SimulatedVenueRun<GateIoSessionPort<NullMarketDataHandler>>
{
    private readonly HttpSnapshotClient _http;
    private readonly GateIoConnector<NullMarketDataHandler> _gateIo;
    private readonly GateIoMarketDataSession _session;

    public GateIoVenueRun(RunOptions options)
        : base(GateIoVenue.Name, VenueSimulatorServer.GateIo(unchecked(options.Seed + 4), options.EventsPerSecond))
    {
        var registry = new InstrumentRegistry();

        // The simulated book is a few hundred levels deep: a 1000-level snapshot holds all of it.
        _session = new GateIoMarketDataSession(registry, new GateIoSessionOptions { SnapshotDepth = 1000 });
        for (var i = 0; i < Server.Exchange.Market.Count; i++)
        {
            var spec = Server.Exchange.Market[i].Spec;
            registry.Add(GateIoVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
            _session.Subscribe(spec.Symbol);
        }

        _http = new HttpSnapshotClient(new SnapshotClientOptions { BaseAddress = Server.Rest!.BaseAddress, InitialBackoff = TimeSpan.FromMilliseconds(50) });
        Connector = _gateIo = new GateIoConnector<NullMarketDataHandler>(new Uri(Server.BaseUrl, "/ws/v4/"), _session, _http, default, Reconnect(options.Seed));
    }

    public override string Endpoint => $"{new Uri(Server.BaseUrl, "/ws/v4/")} + {Server.Rest!.BaseAddress}api/v4/spot/order_book";

    public override void Dispose()
    {
        base.Dispose();
        _http.Dispose();
    }

    protected override StatusSnapshot Read()
    {
        var stats = _session.Stats;
        var inSync = 0;
        foreach (var pair in _session.Pairs)
        {
            inSync += pair!.Book?.State == BookSyncState.InSync ? 1 : 0;
        }

        return new StatusSnapshot
        {
            Frames = stats.Frames,
            Books = _session.Pairs.Length,
            BooksInSync = inSync,
            BookUpdates = stats.BookUpdates,
            Trades = stats.Trades,
            Gaps = stats.Gaps,
            Resyncs = stats.Resyncs,
            Errors = stats.Errors + _gateIo.SnapshotFailures,
            Reconnects = Reconnects,
        };
    }
}
