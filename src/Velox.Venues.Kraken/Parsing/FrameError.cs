namespace Velox.Venues.Kraken.Parsing;

/// <summary>Why a frame (or part of it) was rejected. Counted per reason; never thrown.</summary>
public enum FrameError : byte
{
    None = 0,

    /// <summary>Empty frame or only whitespace.</summary>
    Empty,

    /// <summary>Not the JSON shape expected: missing bracket, comma or member, truncated frame.</summary>
    Malformed,

    /// <summary>A value has the wrong type (e.g. an object where a number belongs).</summary>
    UnexpectedType,

    /// <summary>A number text is not a number.</summary>
    InvalidNumber,

    /// <summary>A number has more decimals than the instrument scale holds.</summary>
    TooManyDecimals,

    /// <summary>A number does not fit 64-bit fixed point at the instrument scale.</summary>
    NumberOverflow,

    /// <summary>A number that makes no sense here (negative size, zero price, text too long to keep).</summary>
    InvalidValue,

    /// <summary>Data for a channelID that is not bound to a subscription, or a channel the session does not handle.</summary>
    UnknownChannel,

    /// <summary>A book payload with neither snapshot (as/bs) nor update (a/b) levels, or mixing both.</summary>
    UnexpectedBookMessage,

    /// <summary>The venue sent an error event.</summary>
    VenueError,

    /// <summary>More subscriptions than the session was sized for.</summary>
    TooManySubscriptions,

    /// <summary>The outbound request queue was full.</summary>
    OutboundQueueFull,

    /// <summary>A bug: an exception was caught at the session boundary.</summary>
    Internal,
}
