namespace Velox.Venues.Coinbase.Session;

/// <summary>Sizing of a <see cref="CoinbaseMarketDataSession"/>.</summary>
public sealed class CoinbaseSessionOptions
{
    /// <summary>Most products on the connection.</summary>
    public int MaxProducts { get; init; } = 64;

    /// <summary>Levels kept per book side (level2 is the full book).</summary>
    public int BookDepth { get; init; } = CoinbaseVenue.DefaultBookDepth;

    /// <summary>Price scale for products missing from the registry.</summary>
    public int DefaultPriceScale { get; init; } = CoinbaseVenue.DefaultPriceScale;

    /// <summary>Size scale for products missing from the registry.</summary>
    public int DefaultSizeScale { get; init; } = CoinbaseVenue.DefaultSizeScale;

    /// <summary>Outbound queue capacity in messages.</summary>
    public int OutboundCapacity { get; init; } = 256;
}
