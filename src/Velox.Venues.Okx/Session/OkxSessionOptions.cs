namespace Velox.Venues.Okx.Session;

/// <summary>Sizing of an <see cref="OkxMarketDataSession"/>.</summary>
public sealed class OkxSessionOptions
{
    /// <summary>Most subscriptions (channel + instId pairs) on the connection.</summary>
    public int MaxSubscriptions { get; init; } = 64;

    /// <summary>
    /// Levels a local book side holds. OKX keeps 400 per side but a burst may insert before it
    /// deletes what fell out of range; the headroom keeps those levels instead of dropping them.
    /// </summary>
    public int BookCapacity { get; init; } = 2 * OkxVenue.BookDepth;

    /// <summary>Price scale for instruments missing from the registry.</summary>
    public int DefaultPriceScale { get; init; } = OkxVenue.DefaultPriceScale;

    /// <summary>Size scale for instruments missing from the registry.</summary>
    public int DefaultSizeScale { get; init; } = OkxVenue.DefaultSizeScale;

    /// <summary>Outbound queue capacity in messages.</summary>
    public int OutboundCapacity { get; init; } = 128;
}
