namespace Velox.Venues.Binance.Session;

/// <summary>Sizing and behaviour of a <see cref="BinanceMarketDataSession"/>.</summary>
public sealed class BinanceSessionOptions
{
    /// <summary>The market of the connection: decides the depth bridge rule and the registry venue.</summary>
    public BinanceMarket Market { get; init; } = BinanceMarket.Spot;

    /// <summary>Most symbols per connection.</summary>
    public int MaxSymbols { get; init; } = 64;

    /// <summary>Register symbols on first sight instead of rejecting them (replay of captures made by other tools).</summary>
    public bool AddUnknownSymbols { get; init; }

    /// <summary>Price scale for symbols missing from the registry.</summary>
    public int DefaultPriceScale { get; init; } = BinanceVenue.DefaultPriceScale;

    /// <summary>Size scale for symbols missing from the registry.</summary>
    public int DefaultSizeScale { get; init; } = BinanceVenue.DefaultSizeScale;

    /// <summary>Local book depth per side.</summary>
    public int BookLevels { get; init; } = BinanceVenue.DefaultBookLevels;

    /// <summary>
    /// False (strict): diff levels beyond the snapshot's worst level are dropped and a side whose
    /// trusted range empties resyncs. True: they are kept (exact sizes, but untouched older levels out
    /// there stay missing) and the book never resyncs for range.
    /// </summary>
    public bool KeepLevelsBeyondSnapshot { get; init; }

    /// <summary>Depth asked of REST snapshots.</summary>
    public int SnapshotDepth { get; init; } = BinanceVenue.DefaultSnapshotDepth;

    /// <summary>Bytes of diff frames a book holds while its snapshot is fetched.</summary>
    public int PendingBytes { get; init; } = 1 << 20;

    /// <summary>Diff frames a book holds while its snapshot is fetched.</summary>
    public int PendingFrames { get; init; } = 1024;

    /// <summary>Outbound queue capacity in messages.</summary>
    public int OutboundCapacity { get; init; } = 128;
}
