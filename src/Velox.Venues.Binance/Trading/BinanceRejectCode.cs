namespace Velox.Venues.Binance.Trading;

/// <summary>
/// Reject and cancel-reject reason codes the Binance gateway books into the OMS (<c>ExecutionReport.RejectCode</c>).
/// Below 100: decided locally, the order never left; 100 and up: the venue's answer (developers.binance.com
/// "Error codes"), see <see cref="BinanceRejectCodes.FromVenueError"/>.
/// </summary>
public enum BinanceRejectCode : ushort
{
    None = 0,

    /// <summary>Not connected or the user data stream is not subscribed yet.</summary>
    NotConnected = 1,

    /// <summary>The instrument is not a Binance spot instrument of the registry.</summary>
    UnknownInstrument = 2,

    /// <summary>Binance spot has no such order (market FOK).</summary>
    UnsupportedOrder = 3,

    /// <summary>The request did not fit the send buffer or the socket refused it.</summary>
    NotSent = 4,

    /// <summary>No exchangeInfo filters loaded for the symbol: orders are refused rather than sent unchecked.</summary>
    NoFilters = 5,

    /// <summary>PRICE_FILTER: price below minPrice.</summary>
    PriceBelowMin = 10,

    /// <summary>PRICE_FILTER: price above maxPrice.</summary>
    PriceAboveMax = 11,

    /// <summary>PRICE_FILTER: (price − minPrice) is not a multiple of tickSize.</summary>
    PriceNotOnTick = 12,

    /// <summary>LOT_SIZE: quantity below minQty.</summary>
    QuantityBelowMin = 13,

    /// <summary>LOT_SIZE: quantity above maxQty.</summary>
    QuantityAboveMax = 14,

    /// <summary>LOT_SIZE: (quantity − minQty) is not a multiple of stepSize.</summary>
    QuantityNotOnStep = 15,

    /// <summary>NOTIONAL / MIN_NOTIONAL: price × quantity below minNotional.</summary>
    NotionalBelowMin = 16,

    /// <summary>NOTIONAL: price × quantity above maxNotional.</summary>
    NotionalAboveMax = 17,

    /// <summary>-1013: the venue's filter check failed.</summary>
    VenueFilterFailure = 100,

    /// <summary>-2010: new order rejected (insufficient balance, LIMIT_MAKER would take, ...).</summary>
    VenueNewOrderRejected = 101,

    /// <summary>-2011: cancel rejected.</summary>
    VenueCancelRejected = 102,

    /// <summary>-2013: no such order.</summary>
    VenueUnknownOrder = 103,

    /// <summary>-1021: timestamp outside recvWindow (clock skew or a slow path).</summary>
    VenueTimestamp = 104,

    /// <summary>-1022: signature not valid (wrong secret).</summary>
    VenueBadSignature = 105,

    /// <summary>-2014 / -2015: API key format invalid, or key, IP or permissions refused.</summary>
    VenueBadApiKey = 106,

    /// <summary>-1003 / -1015 or HTTP 429/418: rate limit hit.</summary>
    VenueRateLimited = 107,

    /// <summary>-2021 / -2022: cancel-replace failed in part or whole.</summary>
    VenueCancelReplaceFailed = 108,

    /// <summary>Any other venue error.</summary>
    VenueError = 199,
}

/// <summary>Venue error code → <see cref="BinanceRejectCode"/>.</summary>
public static class BinanceRejectCodes
{
    /// <summary>Maps a Binance error code (and HTTP-style status) to a reject code.</summary>
    public static BinanceRejectCode FromVenueError(int code, int status) => code switch
    {
        -1013 => BinanceRejectCode.VenueFilterFailure,
        -2010 => BinanceRejectCode.VenueNewOrderRejected,
        -2011 => BinanceRejectCode.VenueCancelRejected,
        -2013 => BinanceRejectCode.VenueUnknownOrder,
        -1021 => BinanceRejectCode.VenueTimestamp,
        -1022 => BinanceRejectCode.VenueBadSignature,
        -2014 or -2015 => BinanceRejectCode.VenueBadApiKey,
        -1003 or -1015 => BinanceRejectCode.VenueRateLimited,
        -2021 or -2022 => BinanceRejectCode.VenueCancelReplaceFailed,
        _ when status is 429 or 418 => BinanceRejectCode.VenueRateLimited,
        _ => BinanceRejectCode.VenueError,
    };
}
