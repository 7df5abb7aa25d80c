using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.Simulator.Hosting;
using Velox.Venues.Coinbase;
using Velox.Venues.Coinbase.Connection;
using Velox.Venues.Coinbase.Requests;
using Velox.Venues.Coinbase.Session;

namespace Velox.Host.Commands;

/// <summary>
/// The Coinbase ws-feed dialect (level2 snapshot + l2update, matches) and <see cref="CoinbaseConnector{TMarketData}"/>.
/// Level2 has no sequence and no checksum: "gaps" counts only the losses the session can see (a delete of a level it
/// never had, a crossed book).
/// </summary>
internal sealed class CoinbaseVenueRun : SimulatedVenueRun<CoinbaseSessionPort<NullMarketDataHandler>>
{
    private readonly CoinbaseMarketDataSession _session;

    public CoinbaseVenueRun(RunOptions options)
        : base(CoinbaseVenue.Name, VenueSimulatorServer.Coinbase(unchecked(options.Seed + 5), options.EventsPerSecond))
    {
        var registry = new InstrumentRegistry();
        _session = new CoinbaseMarketDataSession(registry);
        AddInstruments(registry, CoinbaseVenue.Name, symbol => _session.Subscribe(symbol, CoinbaseChannels.Level2 | CoinbaseChannels.Matches));
        Connector = new CoinbaseConnector<NullMarketDataHandler>(WsUrl, _session, default, Reconnect(options.Seed));
    }

    protected override StatusSnapshot ReadSession()
    {
        var stats = _session.Stats;
        var (books, inSync) = CountInSync(_session.Products, p => p.State);
        return new StatusSnapshot
        {
            Frames = stats.Frames,
            Books = books,
            BooksInSync = inSync,
            BookUpdates = stats.BookUpdates,
            Trades = stats.Matches + stats.LastMatches,
            Gaps = stats.BookGaps,
            Resyncs = stats.Resyncs,
            Errors = stats.Errors,
        };
    }
}
