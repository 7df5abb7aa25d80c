namespace Velox.MarketData.Sync;

/// <summary>Outcome of checking one diff's update ids against an <see cref="UpdateIdSync"/>.</summary>
public enum UpdateIdCheck : byte
{
    /// <summary>Chains on (or bridges) the book: apply it.</summary>
    Apply = 0,

    /// <summary>Already contained in the snapshot or applied before: drop it.</summary>
    Stale,

    /// <summary>Ids were skipped (or no snapshot yet): the book cannot continue; resync.</summary>
    Gap,
}
