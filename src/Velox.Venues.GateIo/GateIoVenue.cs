namespace Velox.Venues.GateIo;

/// <summary>Constants of the Gate.io v4 spot venue.</summary>
public static class GateIoVenue
{
    /// <summary>Registry venue name.</summary>
    public const string Name = "gateio";

    /// <summary>Price decimals for pairs not in the registry: the recordings carry at most 8 (tickers 7, trades 7 after trailing zeros).</summary>
    public const int DefaultPriceScale = 10;

    /// <summary>Size decimals for pairs not in the registry: book sizes carry up to 10 (e.g. 20.51071557, trade amounts 0.2010000000).</summary>
    public const int DefaultSizeScale = 10;

    /// <summary>Depth asked of REST snapshots (cryptofeed asks 100; Gate.io allows more).</summary>
    public const int DefaultSnapshotDepth = 100;

    /// <summary>Local book depth per side.</summary>
    public const int DefaultBookLevels = 1000;

    /// <summary>REST base address.</summary>
    public static readonly Uri RestBase = new("https://api.gateio.ws/");

    /// <summary>WebSocket v4 endpoint.</summary>
    public static readonly Uri StreamBase = new("wss://api.gateio.ws/ws/v4/");
}
