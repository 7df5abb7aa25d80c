namespace Velox.MarketData.Sync;

/// <summary>Whether a book can be trusted.</summary>
public enum BookSyncState : byte
{
    /// <summary>Subscribed (or about to be); no snapshot applied yet.</summary>
    AwaitingSnapshot = 0,

    /// <summary>Snapshot applied and every later change accounted for.</summary>
    InSync,

    /// <summary>Known bad (gap, checksum mismatch, bad frame); updates are ignored until a fresh snapshot.</summary>
    Resyncing,

    /// <summary>The venue announced maintenance; the book is stale until it ends and a snapshot arrives.</summary>
    Paused,
}
