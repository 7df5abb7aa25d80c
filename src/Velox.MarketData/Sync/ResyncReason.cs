namespace Velox.MarketData.Sync;

/// <summary>Why a book left (or has not yet reached) <see cref="BookSyncState.InSync"/>.</summary>
public enum ResyncReason : byte
{
    /// <summary>No resync: the normal path (first subscription, snapshot applied).</summary>
    None = 0,

    /// <summary>A per-connection or per-channel sequence number skipped.</summary>
    SequenceGap,

    /// <summary>The venue's book checksum did not match the local book.</summary>
    ChecksumMismatch,

    /// <summary>A frame for the book could not be parsed.</summary>
    MalformedFrame,

    /// <summary>The connection was (or must be) re-established.</summary>
    Reconnect,

    /// <summary>The venue announced maintenance (or its end).</summary>
    Maintenance,

    /// <summary>The book was resubscribed (e.g. on request of the venue).</summary>
    Resubscribe,

    /// <summary>The book could not hold the venue's levels (capacity) or refused an update.</summary>
    BookCapacity,
}
