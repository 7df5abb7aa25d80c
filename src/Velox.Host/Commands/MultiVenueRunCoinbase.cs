using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
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
        for (var i = 0; i < Server.Exchange.Market.Count; i++)
        {
            var spec = Server.Exchange.Market[i].Spec;
            registry.Add(CoinbaseVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
            _session.Subscribe(spec.Symbol, CoinbaseChannels.Level2 | CoinbaseChannels.Matches);
        }

        Connector = new CoinbaseConnector<NullMarketDataHandler>(Server.BaseUrl, _session, default, Reconnect(options.Seed));
    }

    public override string Endpoint => Server.BaseUrl.ToString();

    protected override StatusSnapshot Read()
    {
        var stats = _session.Stats;
        var inSync = 0;
        foreach (var product in _session.Products)
        {
            inSync += product.State == BookSyncState.InSync ? 1 : 0;
        }

        return new StatusSnapshot
        {
            Frames = stats.Frames,
            Books = _session.Products.Length,
            BooksInSync = inSync,
            BookUpdates = stats.BookUpdates,
            Trades = stats.Matches + stats.LastMatches,
            Gaps = stats.BookGaps,
            Resyncs = stats.Resyncs,
            Errors = stats.Errors,
            Reconnects = Reconnects,
        };
    }
}
