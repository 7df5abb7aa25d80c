namespace Velox.MarketData.Events;

/// <summary>Markers on a <see cref="BookUpdate"/>.</summary>
[Flags]
public enum BookUpdateFlags : byte
{
    None = 0,

    /// <summary>Part of a snapshot (the book was cleared before the first level).</summary>
    Snapshot = 1,

    /// <summary>First level of a snapshot.</summary>
    SnapshotBegin = 2,

    /// <summary>Last level of a snapshot (also set on an empty snapshot's single event).</summary>
    SnapshotEnd = 4,

    /// <summary>The level was removed (size and count are 0).</summary>
    Delete = 8,
}
