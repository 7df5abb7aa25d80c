using Velox.Simulator.Market;

namespace Velox.Simulator.Venues;

/// <summary>Hears what a <see cref="VenueExchange"/>'s market does; called under the exchange's gate, on the thread that advanced it.</summary>
public interface IVenueMarketListener
{
    /// <summary>A generated level change or trade.</summary>
    void OnMarketEvent(in MarketEvent e);

    /// <summary>The whole book of <paramref name="instrument"/> moved (a <see cref="BookDislocation"/> step).</summary>
    void OnBookShifted(int instrument);
}
