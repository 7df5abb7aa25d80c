using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.Simulator.Hosting;
using Velox.Venues.Mexc;
using Velox.Venues.Mexc.Connection;
using Velox.Venues.Mexc.Session;

namespace Velox.Host.Commands;

/// <summary>
/// The MEXC spot v3 dialect (protobuf pushes chained by fromVersion/toVersion, REST snapshots) and
/// <see cref="MexcConnector{TMarketData}"/>. Both are built from MEXC's documentation: NOT verified on real traffic.
/// </summary>
internal sealed class MexcVenueRun : SimulatedVenueRun<MexcSessionPort<NullMarketDataHandler>>
{
    private readonly MexcConnector<NullMarketDataHandler> _mexc;
    private readonly MexcMarketDataSession _session;

    public MexcVenueRun(RunOptions options)
        : base(MexcVenue.Name(MexcMarket.Spot), VenueSimulatorServer.Mexc(unchecked(options.Seed + 5), options.EventsPerSecond))
    {
        var registry = new InstrumentRegistry();
        _session = new MexcMarketDataSession(registry);
        for (var i = 0; i < Server.Exchange.Market.Count; i++)
        {
            var spec = Server.Exchange.Market[i].Spec;
            registry.Add(MexcVenue.Name(MexcMarket.Spot), spec.Symbol, spec.PriceScale, spec.SizeScale);
            _session.Subscribe(spec.Symbol);
        }

        Connector = _mexc = new MexcConnector<NullMarketDataHandler>(new Uri(Server.BaseUrl, "/ws"), _session, SnapshotClient(), default, Reconnect(options.Seed));
    }

    public override string Endpoint => $"{new Uri(Server.BaseUrl, "/ws")} + {Server.Rest!.BaseAddress}api/v3/depth";

    protected override StatusSnapshot Read()
    {
        var stats = _session.Stats;
        var (books, inSync) = CountBooks(_session.Symbols, s => s!.Depth.State);

        return new StatusSnapshot
        {
            Frames = stats.Frames,
            Books = books,
            BooksInSync = inSync,
            BookUpdates = stats.DepthUpdates,
            Trades = stats.Trades,
            Gaps = stats.Gaps,
            Resyncs = stats.Resyncs,
            Errors = stats.Errors + _mexc.SnapshotFailures,
            Reconnects = Reconnects,
        };
    }
}
