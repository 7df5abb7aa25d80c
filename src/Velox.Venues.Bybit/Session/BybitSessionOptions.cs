namespace Velox.Venues.Bybit.Session;

/// <summary>Sizing of a <see cref="BybitMarketDataSession"/>.</summary>
public sealed class BybitSessionOptions
{
    /// <summary>Most topics on the connection.</summary>
    public int MaxSubscriptions { get; init; } = 64;

    /// <summary>
    /// Local book levels per side as a multiple of the topic depth: a delta may insert before it
    /// deletes what fell out of the venue's range, and the headroom keeps those levels.
    /// </summary>
    public int BookCapacityFactor { get; init; } = 2;

    /// <summary>Price scale for instruments missing from the registry.</summary>
    public int DefaultPriceScale { get; init; } = BybitVenue.DefaultPriceScale;

    /// <summary>Size scale for instruments missing from the registry.</summary>
    public int DefaultSizeScale { get; init; } = BybitVenue.DefaultSizeScale;

    /// <summary>Outbound queue capacity in messages.</summary>
    public int OutboundCapacity { get; init; } = 128;
}
