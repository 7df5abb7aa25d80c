namespace Velox.Venues.Bitfinex;

/// <summary>Constants of the Bitfinex venue.</summary>
public static class BitfinexVenue
{
    /// <summary>Venue name used in the instrument registry.</summary>
    public const string Name = "bitfinex";

    /// <summary>Price decimals for symbols not in the registry: every real book price in the shared recordings fits (max 8 decimals seen, e.g. 6e-8).</summary>
    public const int DefaultPriceScale = 10;

    /// <summary>Size decimals for symbols not in the registry: Bitfinex amounts carry at most 8 decimals.</summary>
    public const int DefaultSizeScale = 8;

    /// <summary>Book length Bitfinex uses when a subscription gives none.</summary>
    public const int DefaultBookLength = 25;

    /// <summary>Info event code: the server is restarting; reconnect.</summary>
    public const int InfoServerRestart = 20051;

    /// <summary>Info event code: maintenance started; pause.</summary>
    public const int InfoMaintenanceStart = 20060;

    /// <summary>Info event code: maintenance ended; resubscribe everything.</summary>
    public const int InfoMaintenanceEnd = 20061;
}
