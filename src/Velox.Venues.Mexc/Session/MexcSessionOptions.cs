namespace Velox.Venues.Mexc.Session;

/// <summary>Sizing and behaviour of a <see cref="MexcMarketDataSession"/> (read once at construction).</summary>
public sealed class MexcSessionOptions
{
    public MexcMarket Market { get; init; } = MexcMarket.Spot;

    /// <summary>Symbols one connection can hold (MEXC spot allows 30 subscriptions per connection).</summary>
    public int MaxSymbols { get; init; } = 32;

    /// <summary>Levels kept per side.</summary>
    public int BookLevels { get; init; } = 5000;

    /// <summary>Levels asked of REST snapshots (spot max 5000, futures max 1000).</summary>
    public int SnapshotDepth { get; init; } = 1000;

    /// <summary>Bytes of pushes buffered per book while it awaits a snapshot.</summary>
    public int PendingBytes { get; init; } = 1 << 20;

    /// <summary>Pushes buffered per book while it awaits a snapshot.</summary>
    public int PendingFrames { get; init; } = 4096;

    /// <summary>Apply levels outside the snapshot's range (MEXC documents the book as approximate there).</summary>
    public bool KeepLevelsBeyondSnapshot { get; init; }

    /// <summary>Spot: subscribe the 10ms aggregation instead of 100ms.</summary>
    public bool FastInterval { get; init; }

    public int DefaultPriceScale { get; init; } = 8;

    public int DefaultSizeScale { get; init; } = 8;

    /// <summary>Slots of the outbound queue.</summary>
    public int OutboundCapacity { get; init; } = 128;
}
