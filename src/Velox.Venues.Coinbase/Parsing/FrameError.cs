namespace Velox.Venues.Coinbase.Parsing;

/// <summary>Why a frame (or part of it) was rejected. Counted per reason; never thrown.</summary>
public enum FrameError : byte
{
    None = 0,

    /// <summary>Empty frame or only whitespace.</summary>
    Empty,

    /// <summary>Not a JSON object of the expected shape: missing bracket, colon or comma, truncated frame.</summary>
    Malformed,

    /// <summary>A required field is missing or has the wrong type.</summary>
    UnexpectedType,

    /// <summary>A number (quoted or not) is not a number.</summary>
    InvalidNumber,

    /// <summary>A number has more decimals than the instrument scale holds.</summary>
    TooManyDecimals,

    /// <summary>A number does not fit 64-bit fixed point at the instrument scale.</summary>
    NumberOverflow,

    /// <summary>A value is well-formed but meaningless (negative size, zero price, unknown side).</summary>
    InvalidValue,

    /// <summary>A product-scoped message for a product that was never subscribed.</summary>
    UnknownChannel,

    /// <summary>A message type the session does not handle.</summary>
    UnknownMessageType,

    /// <summary>The venue sent an error message.</summary>
    VenueError,

    /// <summary>A match or ticker whose per-product sequence (or trade id) is not newer than the last one; dropped.</summary>
    StaleSequence,

    /// <summary>More products than the session was sized for.</summary>
    TooManyProducts,

    /// <summary>The outbound request queue was full.</summary>
    OutboundQueueFull,

    /// <summary>A bug: an exception was caught at the session boundary.</summary>
    Internal,
}
