using Velox.Simulator.Bitfinex;
using Velox.Simulator.Market;

namespace Velox.Simulator.Venues;

/// <summary>
/// How one venue prints the shared exchange's market: its depth diffs and trades (logged once and sent
/// to every subscribed connection) and its snapshots. Called with the exchange lock held.
/// </summary>
public abstract class VenueDialect
{
    /// <summary>Venue name, e.g. "binance".</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Writes the depth frame of <paramref name="market"/> carrying the current size (0 = gone) of every
    /// price in <paramref name="changes"/>, numbered <paramref name="firstId"/>..<paramref name="lastId"/>
    /// after <paramref name="previousId"/>.
    /// </summary>
    public abstract void WriteDepth(FrameWriter writer, InstrumentMarket market, ChangedLevels changes, long firstId, long lastId, long previousId, long eventMillis);

    /// <summary>Writes the frame of one trade.</summary>
    public abstract void WriteTrade(FrameWriter writer, InstrumentMarket market, in TradeRecord trade, long eventMillis);
}
