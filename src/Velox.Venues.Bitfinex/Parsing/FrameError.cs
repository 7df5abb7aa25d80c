namespace Velox.Venues.Bitfinex.Parsing;

/// <summary>Why a frame (or part of it) was rejected. Counted per reason; never thrown.</summary>
public enum FrameError : byte
{
    None = 0,

    /// <summary>Empty frame or only whitespace.</summary>
    Empty,

    /// <summary>Not valid JSON of the expected shape: missing bracket or comma, truncated frame.</summary>
    Malformed,

    /// <summary>A value has the wrong type (e.g. a string where a number belongs) or a wrong field count.</summary>
    UnexpectedType,

    /// <summary>A number token is not a number.</summary>
    InvalidNumber,

    /// <summary>A number has more decimals than the instrument scale holds.</summary>
    TooManyDecimals,

    /// <summary>A number does not fit 64-bit fixed point at the instrument scale.</summary>
    NumberOverflow,

    /// <summary>A value is a number but not a meaningful one (e.g. zero amount on a level, negative count).</summary>
    InvalidValue,

    /// <summary>Channel frame for a chanId that is not subscribed (or arrived before its subscribed event).</summary>
    UnknownChannel,

    /// <summary>A channel message tag the session does not handle.</summary>
    UnknownMessageType,

    /// <summary>An event object the session does not handle, or one missing required fields.</summary>
    UnknownEvent,

    /// <summary>The venue sent an error event.</summary>
    VenueError,

    /// <summary>SEQ_ALL is on but the frame carries no sequence number.</summary>
    MissingSequence,

    /// <summary>Sequence number not newer than the last one (duplicate or replay); frame dropped.</summary>
    StaleSequence,

    /// <summary>A raw book ran out of order capacity.</summary>
    BookFull,

    /// <summary>More subscriptions than the session was sized for.</summary>
    TooManySubscriptions,

    /// <summary>The outbound request queue was full.</summary>
    OutboundQueueFull,

    /// <summary>A bug: an exception was caught at the session boundary.</summary>
    Internal,
}
