namespace Velox.Venues.Htx;

/// <summary>Constants of the HTX (Huobi) spot venue.</summary>
public static class HtxVenue
{
    /// <summary>Venue name used in the instrument registry.</summary>
    public const string Name = "htx";

    /// <summary>
    /// Price decimals for symbols not in the registry: the recording's finest price has 11 decimals, and
    /// its largest (a yfihusd ask of 1.1111111E7) leaves no room for a 12th (64-bit limit 9.2e7 at 11).
    /// </summary>
    public const int DefaultPriceScale = 11;

    /// <summary>
    /// Size decimals for symbols not in the registry. HTX prints aggregated sizes as binary doubles
    /// (4049.005510062893, 9125434.228493564: up to 20 significant digits), which no 64-bit scale holds
    /// exactly; amount precisions are at most 8, so digits past 8 are float noise and are cut (counted).
    /// </summary>
    public const int DefaultSizeScale = 8;

    /// <summary>Levels per side of a depth.step0 push.</summary>
    public const int StepDepth = 150;
}
