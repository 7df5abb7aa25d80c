namespace Velox.Venues.Okx;

/// <summary>Constants of the OKX v5 public WebSocket.</summary>
public static class OkxVenue
{
    /// <summary>Venue name used in the instrument registry.</summary>
    public const string Name = "okx";

    /// <summary>Public endpoint.</summary>
    public const string PublicUrl = "wss://ws.okx.com:8443/ws/v5/public";

    /// <summary>
    /// Price decimals for instruments not in the registry: the finest tickSz in the 2022 instrument
    /// list (okx/cryptofeed_OKX.0) has 12 decimals; prices up to 9.2 million still fit a long.
    /// </summary>
    public const int DefaultPriceScale = 12;

    /// <summary>Size decimals for instruments not in the registry: the finest lotSz has 8 decimals.</summary>
    public const int DefaultSizeScale = 8;

    /// <summary>Levels per side of the <c>books</c> channel.</summary>
    public const int BookDepth = 400;

    /// <summary>Levels per side that the <c>checksum</c> field covers.</summary>
    public const int ChecksumDepth = 25;
}
