using Velox.Simulator.Market;
using Velox.Simulator.Venues;
using Velox.Simulator.Venues.Coinbase;
using Velox.Simulator.Venues.GateIo;

namespace Velox.Simulator.Hosting;

// Gate.io and Coinbase dialects.
public sealed partial class VenueSimulatorServer
{
    /// <summary>
    /// Gate.io v4 spot: WebSocket at /ws/v4/ (spot.order_book_update diffs with U/u, spot.trades, spot.ping), REST order
    /// books at /api/v4/spot/order_book on <paramref name="restPort"/> (0 = any free port).
    /// </summary>
    public static VenueSimulatorServer GateIo(int seed, int eventsPerSecond, IReadOnlyList<SimInstrumentSpec>? instruments = null, int port = 0, int restPort = 0)
    {
        var exchange = new VenueExchange(new GateIoDialect(), instruments ?? GateIoDialect.DefaultInstruments, seed, eventsPerSecond, TimeSpan.FromMilliseconds(100));
        var api = new GateIoRestApi(exchange);
        var rest = new RestServer(api.Handle, restPort);
        return new VenueSimulatorServer(exchange, (sink, _) => new GateIoConnection(exchange, sink), rest, port);
    }

    /// <summary>Coinbase Exchange ws-feed: level2 (snapshot + l2update), matches and heartbeat at any path.</summary>
    public static VenueSimulatorServer Coinbase(int seed, int eventsPerSecond, IReadOnlyList<SimInstrumentSpec>? instruments = null, int port = 0)
    {
        var exchange = new VenueExchange(new CoinbaseDialect(), instruments ?? CoinbaseDialect.DefaultInstruments, seed, eventsPerSecond, TimeSpan.FromMilliseconds(100));
        return new VenueSimulatorServer(exchange, (sink, _) => new CoinbaseConnection(exchange, sink), rest: null, port);
    }
}
