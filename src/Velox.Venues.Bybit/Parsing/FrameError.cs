namespace Velox.Venues.Bybit.Parsing;

/// <summary>Why a frame (or part of it) was rejected. Counted per reason; never thrown.</summary>
public enum FrameError : byte
{
    None = 0,

    /// <summary>Empty frame or only whitespace.</summary>
    Empty,

    /// <summary>Not the JSON shape expected: missing bracket, comma or member, truncated frame.</summary>
    Malformed,

    /// <summary>A value has the wrong type (e.g. an array where a number belongs).</summary>
    UnexpectedType,

    /// <summary>A number text is not a number.</summary>
    InvalidNumber,

    /// <summary>A number has more decimals than the instrument scale holds.</summary>
    TooManyDecimals,

    /// <summary>A number does not fit 64-bit fixed point at the instrument scale.</summary>
    NumberOverflow,

    /// <summary>A value that makes no sense here (negative size, zero price, unknown side).</summary>
    InvalidValue,

    /// <summary>Data for a topic that is not subscribed or that the session does not handle.</summary>
    UnknownChannel,

    /// <summary>A data frame whose type is neither snapshot nor delta.</summary>
    UnknownType,

    /// <summary>The venue refused a request (<c>"success":false</c>).</summary>
    VenueError,

    /// <summary>More subscriptions than the session was sized for.</summary>
    TooManySubscriptions,

    /// <summary>The outbound request queue was full.</summary>
    OutboundQueueFull,

    /// <summary>A bug: an exception was caught at the session boundary.</summary>
    Internal,
}
