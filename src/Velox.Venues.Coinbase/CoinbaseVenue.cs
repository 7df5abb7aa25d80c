namespace Velox.Venues.Coinbase;

/// <summary>Constants of the Coinbase (legacy Exchange, ws-feed) venue.</summary>
public static class CoinbaseVenue
{
    /// <summary>Venue name used in the instrument registry.</summary>
    public const string Name = "coinbase";

    /// <summary>Price decimals for products not in the registry: quote increments go down to 1e-8 (SKL-BTC 0.00001303).</summary>
    public const int DefaultPriceScale = 8;

    /// <summary>Size decimals for products not in the registry: base increments go down to 1e-8 (DASH-BTC sizes print 8 decimals).</summary>
    public const int DefaultSizeScale = 8;

    /// <summary>
    /// Levels kept per side. The level2 channel sends the FULL book (1,341 ask levels for SKL-USD in the
    /// shared recording; tens of thousands for the majors), so the default is generous.
    /// </summary>
    public const int DefaultBookDepth = 8192;

    /// <summary>Longest product id the request builders accept.</summary>
    public const int MaxProductIdLength = 32;
}
