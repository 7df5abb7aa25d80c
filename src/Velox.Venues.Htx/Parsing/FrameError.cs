namespace Velox.Venues.Htx.Parsing;

/// <summary>Why a frame (or part of it) was rejected. Counted per reason; never thrown.</summary>
public enum FrameError : byte
{
    None = 0,

    /// <summary>Empty frame.</summary>
    Empty,

    /// <summary>The gzip member could not be inflated (bad header or data, truncated, CRC mismatch, too large).</summary>
    BadCompression,

    /// <summary>Not a JSON object of the expected shape.</summary>
    Malformed,

    /// <summary>A required field is missing or has the wrong type.</summary>
    UnexpectedType,

    /// <summary>A number is not a number.</summary>
    InvalidNumber,

    /// <summary>A price has more decimals than the instrument scale holds.</summary>
    TooManyDecimals,

    /// <summary>A number does not fit 64-bit fixed point at the instrument scale.</summary>
    NumberOverflow,

    /// <summary>A value is well-formed but meaningless (zero price, negative size, unknown direction).</summary>
    InvalidValue,

    /// <summary>A push for a topic that was never subscribed.</summary>
    UnknownChannel,

    /// <summary>A message the session does not handle.</summary>
    UnknownMessageType,

    /// <summary>The venue answered with status "error".</summary>
    VenueError,

    /// <summary>A depth version or trade id not newer than the last one; dropped.</summary>
    StaleSequence,

    /// <summary>More topics than the session was sized for.</summary>
    TooManySubscriptions,

    /// <summary>The outbound queue was full.</summary>
    OutboundQueueFull,

    /// <summary>A bug: an exception was caught at the session boundary.</summary>
    Internal,
}
