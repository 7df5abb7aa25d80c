namespace Velox.Venues.Mexc.Session;

/// <summary>What one frame turned out to be.</summary>
public enum FrameOutcome : byte
{
    /// <summary>Rejected: see <see cref="MexcMarketDataSession.LastError"/> and the error counters.</summary>
    Error = 0,

    /// <summary>A reply to a subscription request or a pong.</summary>
    Reply,

    /// <summary>A depth push applied to an InSync book.</summary>
    BookUpdate,

    /// <summary>A depth push held until the book's snapshot arrives.</summary>
    BookBuffered,

    /// <summary>A REST snapshot applied (and buffered pushes replayed).</summary>
    BookSnapshot,

    /// <summary>A depth push that did not chain on: the book is Resyncing and asks for a snapshot.</summary>
    BookGap,

    /// <summary>One or more public trades.</summary>
    Trade,

    /// <summary>Well-formed but not applied (stale push, unhandled channel).</summary>
    Ignored,
}
