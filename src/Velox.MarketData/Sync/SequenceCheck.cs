namespace Velox.MarketData.Sync;

/// <summary>Outcome of checking one sequence number against a <see cref="SequenceTracker"/>.</summary>
public enum SequenceCheck : byte
{
    /// <summary>The first number seen since the last reset; accepted as the base.</summary>
    First = 0,

    /// <summary>Exactly the expected next number.</summary>
    InOrder,

    /// <summary>Numbers were skipped; the tracker re-bases on this number.</summary>
    Gap,

    /// <summary>Not newer than the last accepted number (replay or duplicate); the tracker is unchanged.</summary>
    Stale,
}
