namespace Velox.Venues.Bybit;

/// <summary>Constants of the Bybit v5 public WebSocket.</summary>
public static class BybitVenue
{
    /// <summary>Venue name (<c>velox replay-check --venue bybit</c>).</summary>
    public const string Name = "bybit";

    /// <summary>
    /// Price decimals for instruments not in the registry: the finest linear tickSize in the 2026
    /// instrument list (bybit/cryptofeed_v3_BYBIT.jsonl) has 8 decimals and the largest linear maxPrice
    /// is about 2·10^7; 10 decimals hold both (up to 9.2·10^8). Spot tokens priced below 10^-10 need
    /// a registry entry.
    /// </summary>
    public const int DefaultPriceScale = 10;

    /// <summary>Size decimals for instruments not in the registry: the finest qtyStep/basePrecision has 6 decimals.</summary>
    public const int DefaultSizeScale = 8;

    /// <summary>Deepest <c>orderbook</c> topic (spot offers 1,000 levels, linear 500).</summary>
    public const int MaxBookDepth = 1000;

    /// <summary>Public endpoint of a category.</summary>
    public static string PublicUrl(BybitCategory category) => category switch
    {
        BybitCategory.Spot => "wss://stream.bybit.com/v5/public/spot",
        BybitCategory.Inverse => "wss://stream.bybit.com/v5/public/inverse",
        _ => "wss://stream.bybit.com/v5/public/linear",
    };

    /// <summary>The category an endpoint address serves (by its last path segment); false when unknown.</summary>
    public static bool TryParseCategory(ReadOnlySpan<char> url, out BybitCategory category)
    {
        var name = url[(url.LastIndexOf('/') + 1)..];
        category = name.SequenceEqual("spot") ? BybitCategory.Spot
            : name.SequenceEqual("inverse") ? BybitCategory.Inverse
            : BybitCategory.Linear;
        return category != BybitCategory.Linear || name.SequenceEqual("linear");
    }

    /// <summary>
    /// The registry venue of a category: the same symbol (BTCUSDT) is a different instrument in each
    /// category, so each category is its own registry venue.
    /// </summary>
    public static string RegistryVenue(BybitCategory category) => category switch
    {
        BybitCategory.Spot => "bybit-spot",
        BybitCategory.Inverse => "bybit-inverse",
        _ => "bybit-linear",
    };
}
