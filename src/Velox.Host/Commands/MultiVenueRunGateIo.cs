using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.Simulator.Hosting;
using Velox.Venues.GateIo;
using Velox.Venues.GateIo.Connection;
using Velox.Venues.GateIo.Session;

namespace Velox.Host.Commands;

/// <summary>The Gate.io v4 spot dialect (WebSocket diffs with U/u + REST order books with id) and <see cref="GateIoConnector{TMarketData}"/>.</summary>
internal sealed class GateIoVenueRun : SimulatedVenueRun<GateIoSessionPort<NullMarketDataHandler>>
{
    private readonly GateIoConnector<NullMarketDataHandler> _gateIo;
    private readonly GateIoMarketDataSession _session;

    public GateIoVenueRun(RunOptions options)
        : base(GateIoVenue.Name, VenueSimulatorServer.GateIo(unchecked(options.Seed + 4), options.EventsPerSecond), "/ws/v4/", "api/v4/spot/order_book")
    {
        var registry = new InstrumentRegistry();

        // The simulated book is a few hundred levels deep: a 1000-level snapshot holds all of it.
        _session = new GateIoMarketDataSession(registry, new GateIoSessionOptions { SnapshotDepth = 1000 });
        AddInstruments(registry, GateIoVenue.Name, symbol => _session.Subscribe(symbol));
        Connector = _gateIo = new GateIoConnector<NullMarketDataHandler>(WsUrl, _session, SnapshotClient(), default, Reconnect(options.Seed));
    }

    protected override StatusSnapshot ReadSession()
    {
        var stats = _session.Stats;
        var (books, inSync) = CountInSync(_session.Pairs, p => p!.Book?.State);
        return new StatusSnapshot
        {
            Frames = stats.Frames,
            Books = books,
            BooksInSync = inSync,
            BookUpdates = stats.BookUpdates,
            Trades = stats.Trades,
            Gaps = stats.Gaps,
            Resyncs = stats.Resyncs,
            Errors = stats.Errors + _gateIo.SnapshotFailures,
        };
    }
}
