namespace Velox.Venues.Bitfinex.Trading.Parsing;

/// <summary>
/// Reject codes put into <c>ExecutionReport.RejectCode</c> for Bitfinex. Venue refusals come as
/// notifications with STATUS "ERROR"/"FAILURE" and a free TEXT; the text is classified by the phrases the
/// API uses ("not enough exchange balance", "minimum size", "Order not found", "ratelimit", ...). Codes at
/// 100 and above are refusals by the gateway itself, before anything was sent.
/// </summary>
public enum BitfinexRejectCode : ushort
{
    None = 0,

    /// <summary>An error whose text matched nothing below.</summary>
    Unknown = 1,

    /// <summary>"Invalid order: not enough exchange balance ..." / "insufficient balance".</summary>
    InsufficientBalance = 2,

    /// <summary>"Invalid order: minimum size for ... is ...".</summary>
    MinimumSize = 3,

    /// <summary>Price refused ("Invalid price", price precision, price too far).</summary>
    InvalidPrice = 4,

    /// <summary>"Order not found." (cancel or update of an order that is gone).</summary>
    OrderNotFound = 5,

    /// <summary>"ratelimit: error" (too many requests).</summary>
    RateLimited = 6,

    /// <summary>Any other "Invalid order" text.</summary>
    InvalidOrder = 7,

    /// <summary>Not sent: the connection is not authenticated.</summary>
    NotAuthenticated = 100,

    /// <summary>Not sent: Bitfinex has no such order type (market FOK).</summary>
    UnsupportedOrder = 101,

    /// <summary>Not sent: the outbound queue was full or the frame did not fit.</summary>
    NotSent = 102,

    /// <summary>Not sent: no Bitfinex symbol for the instrument.</summary>
    UnknownInstrument = 103,

    /// <summary>After a reconnect the order was not in the venue's snapshot (never placed, or cancelled by the dead-man switch).</summary>
    LostOnReconnect = 104,
}
