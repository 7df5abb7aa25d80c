namespace Velox.Venues.Kraken.Session;

/// <summary>Sizing of an <see cref="KrakenMarketDataSession"/>.</summary>
public sealed class KrakenSessionOptions
{
    /// <summary>Most subscriptions (channel + pair) on the connection.</summary>
    public int MaxSubscriptions { get; init; } = 64;

    /// <summary>Price scale for pairs missing from the registry; null picks it by quote currency (<see cref="KrakenVenue.DefaultPriceScale"/>).</summary>
    public int? DefaultPriceScale { get; init; }

    /// <summary>Size scale for pairs missing from the registry.</summary>
    public int DefaultSizeScale { get; init; } = KrakenVenue.DefaultSizeScale;

    /// <summary>Outbound queue capacity in messages.</summary>
    public int OutboundCapacity { get; init; } = 128;
}
