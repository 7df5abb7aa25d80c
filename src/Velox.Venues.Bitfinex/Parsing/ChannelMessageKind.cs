namespace Velox.Venues.Bitfinex.Parsing;

/// <summary>Shape of a channel frame <c>[chanId, ...]</c>.</summary>
public enum ChannelMessageKind : byte
{
    /// <summary><c>[chanId,"hb"]</c></summary>
    Heartbeat = 0,

    /// <summary><c>[chanId,[[...],[...]]]</c>: a snapshot (array of entries, possibly empty).</summary>
    Snapshot,

    /// <summary><c>[chanId,[...]]</c>: one entry (book level, raw order, ticker).</summary>
    Update,

    /// <summary><c>[chanId,"cs",checksum]</c></summary>
    Checksum,

    /// <summary><c>[chanId,"te",[...]]</c> (also funding "fte"): trade executed.</summary>
    TradeExecuted,

    /// <summary><c>[chanId,"tu",[...]]</c> (also funding "ftu"): the same trade again, later.</summary>
    TradeUpdated,

    /// <summary>Any other string tag.</summary>
    Other,
}
