namespace Velox.Venues.Htx.Session;

/// <summary>Sizing of an <see cref="HtxMarketDataSession"/>.</summary>
public sealed class HtxSessionOptions
{
    /// <summary>Most topics on the connection.</summary>
    public int MaxSubscriptions { get; init; } = 128;

    /// <summary>Levels kept per book side.</summary>
    public int BookDepth { get; init; } = HtxVenue.StepDepth;

    /// <summary>Largest decompressed frame (a 150-level depth push is about 7 KB).</summary>
    public int MaxFrameBytes { get; init; } = 1 << 20;

    public int DefaultPriceScale { get; init; } = HtxVenue.DefaultPriceScale;

    public int DefaultSizeScale { get; init; } = HtxVenue.DefaultSizeScale;

    /// <summary>Outbound queue capacity in messages.</summary>
    public int OutboundCapacity { get; init; } = 256;
}
