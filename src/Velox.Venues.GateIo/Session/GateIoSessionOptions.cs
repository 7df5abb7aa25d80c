namespace Velox.Venues.GateIo.Session;

/// <summary>Sizing and behaviour of a <see cref="GateIoMarketDataSession"/>.</summary>
public sealed class GateIoSessionOptions
{
    /// <summary>Most pairs per connection.</summary>
    public int MaxPairs { get; init; } = 64;

    /// <summary>Register pairs on first sight instead of rejecting them (replay of captures made by other tools).</summary>
    public bool AddUnknownPairs { get; init; }

    public int DefaultPriceScale { get; init; } = GateIoVenue.DefaultPriceScale;

    public int DefaultSizeScale { get; init; } = GateIoVenue.DefaultSizeScale;

    /// <summary>Local book depth per side.</summary>
    public int BookLevels { get; init; } = GateIoVenue.DefaultBookLevels;

    /// <summary>Depth asked of REST snapshots.</summary>
    public int SnapshotDepth { get; init; } = GateIoVenue.DefaultSnapshotDepth;

    /// <summary>Keep diff levels beyond the snapshot's range (see <c>SnapshotDiffBook.KeepLevelsBeyondSnapshot</c>); strict by default.</summary>
    public bool KeepLevelsBeyondSnapshot { get; init; }

    /// <summary>Bytes of diff frames a book holds while its snapshot is fetched.</summary>
    public int PendingBytes { get; init; } = 1 << 20;

    /// <summary>Diff frames a book holds while its snapshot is fetched.</summary>
    public int PendingFrames { get; init; } = 1024;

    /// <summary>Wall clock for the <c>time</c> field of requests (Gate.io rejects requests far from server time).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Outbound queue capacity in messages.</summary>
    public int OutboundCapacity { get; init; } = 128;
}
