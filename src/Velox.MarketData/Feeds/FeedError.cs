namespace Velox.MarketData.Feeds;

/// <summary>Why a frame (or part of it) of a JSON market-data feed was rejected. Counted per reason; never thrown.</summary>
public enum FeedError : byte
{
    None = 0,

    /// <summary>Empty frame or only whitespace.</summary>
    Empty,

    /// <summary>Not valid JSON of the expected shape: missing bracket, colon or comma, truncated frame.</summary>
    Malformed,

    /// <summary>A value has the wrong type (e.g. a number where a string belongs) or a required field is missing.</summary>
    UnexpectedType,

    /// <summary>A number token is not a number.</summary>
    InvalidNumber,

    /// <summary>A number has more decimals than the instrument scale holds.</summary>
    TooManyDecimals,

    /// <summary>A number does not fit 64-bit fixed point at the instrument scale.</summary>
    NumberOverflow,

    /// <summary>A value is a number but not a meaningful one (negative size, non-positive price, last id before first id).</summary>
    InvalidValue,

    /// <summary>Data for a symbol or stream that is not subscribed.</summary>
    UnknownSymbol,

    /// <summary>An event or channel type the session does not handle.</summary>
    UnknownMessageType,

    /// <summary>The venue sent an error reply.</summary>
    VenueError,

    /// <summary>A REST snapshot for a book that did not ask for one.</summary>
    UnexpectedSnapshot,

    /// <summary>The outbound request queue was full.</summary>
    OutboundQueueFull,

    /// <summary>A bug: an exception was caught at the session boundary.</summary>
    Internal,
}
