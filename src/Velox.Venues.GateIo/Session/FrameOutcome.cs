namespace Velox.Venues.GateIo.Session;

/// <summary>What one frame turned out to be.</summary>
public enum FrameOutcome : byte
{
    /// <summary>Rejected: see <see cref="GateIoMarketDataSession.LastError"/> and the error counters.</summary>
    Error = 0,

    /// <summary>A subscribe/unsubscribe acknowledgement or pong.</summary>
    Reply,

    /// <summary>A book diff applied to an InSync book.</summary>
    BookUpdate,

    /// <summary>A book diff held until the book's snapshot arrives.</summary>
    BookBuffered,

    /// <summary>A REST snapshot applied (and buffered diffs replayed).</summary>
    BookSnapshot,

    /// <summary>A book diff that did not chain on: the book is Resyncing and asks for a snapshot.</summary>
    BookGap,

    Trade,
    Ticker,

    /// <summary>Well-formed but not applied (stale diff, candlestick, unhandled channel).</summary>
    Ignored,
}
