using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.Simulator.Hosting;
using Velox.Venues.Htx;
using Velox.Venues.Htx.Connection;
using Velox.Venues.Htx.Session;

namespace Velox.Host.Commands;

/// <summary>
/// The HTX spot dialect (gzip binary frames, depth.step0 full-book pushes, server pings our connector answers)
/// and <see cref="HtxConnector{TMarketData}"/>. Every push is a whole book, so a push is the resync; gaps are
/// trade-id gaps (ids are consecutive per symbol).
/// </summary>
internal sealed class HtxVenueRun : SimulatedVenueRun<HtxSessionPort<NullMarketDataHandler>>
{
    private readonly HtxMarketDataSession _session;

    public HtxVenueRun(RunOptions options)
        : base(HtxVenue.Name, VenueSimulatorServer.Htx(unchecked(options.Seed + 4), options.EventsPerSecond), "/ws")
    {
        var registry = new InstrumentRegistry();
        _session = new HtxMarketDataSession(registry);
        AddInstruments(registry, HtxVenue.Name, symbol =>
        {
            _session.SubscribeDepth(symbol);
            _session.SubscribeTrades(symbol);
        });
        Connector = new HtxConnector<NullMarketDataHandler>(WsUrl, _session, default, Reconnect(options.Seed));
    }

    protected override StatusSnapshot ReadSession()
    {
        var stats = _session.Stats;
        var (books, inSync) = CountBooks(_session.Subscriptions, s => s.Book is null ? null : s.State);
        return new StatusSnapshot
        {
            Frames = stats.Frames,
            Books = books,
            BooksInSync = inSync,
            BookUpdates = stats.DepthSnapshots,
            Trades = stats.Trades,
            Gaps = stats.TradeIdGaps,
            Resyncs = stats.Resyncs,
            Errors = stats.Errors,
        };
    }
}
