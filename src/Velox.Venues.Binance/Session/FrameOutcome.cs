namespace Velox.Venues.Binance.Session;

/// <summary>What one frame turned out to be.</summary>
public enum FrameOutcome : byte
{
    /// <summary>Rejected: see <see cref="BinanceMarketDataSession.LastError"/> and the error counters.</summary>
    Error = 0,

    /// <summary>A reply to a SUBSCRIBE/UNSUBSCRIBE request.</summary>
    Reply,

    /// <summary>A depth diff applied to an InSync book.</summary>
    BookUpdate,

    /// <summary>A depth diff held until the book's snapshot arrives.</summary>
    BookBuffered,

    /// <summary>A REST snapshot applied (and buffered diffs replayed).</summary>
    BookSnapshot,

    /// <summary>A depth diff that did not chain on: the book is Resyncing and asks for a snapshot.</summary>
    BookGap,

    Trade,
    Ticker,

    /// <summary>Well-formed but not applied (stale diff, kline, unhandled event).</summary>
    Ignored,
}
