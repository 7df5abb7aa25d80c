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
        : base(MexcVenue.Name(MexcMarket.Spot), VenueSimulatorServer.Mexc(unchecked(options.Seed + 5), options.EventsPerSecond), "/ws", "api/v3/depth")
    {
        var registry = new InstrumentRegistry();
        _session = new MexcMarketDataSession(registry);
        AddInstruments(registry, MexcVenue.Name(MexcMarket.Spot), symbol => _session.Subscribe(symbol));
        Connector = _mexc = new MexcConnector<NullMarketDataHandler>(WsUrl, _session, SnapshotClient(), default, Reconnect(options.Seed));
    }

    protected override StatusSnapshot ReadSession()
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
        };
    }
}
