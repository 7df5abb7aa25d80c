namespace Velox.Venues.Bitfinex.Trading.Parsing;

/// <summary>
/// The leading status word(s) of an order's STATUS text (docs.bitfinex.com "Orders"): "ACTIVE",
/// "EXECUTED @ 107.6(-0.2)", "PARTIALLY FILLED @ PRICE(AMOUNT)", "CANCELED", "CANCELED was: PARTIALLY
/// FILLED @ ...", "POSTONLY CANCELED", "IOC CANCELED", "FOK CANCELED", "INSUFFICIENT BALANCE",
/// "INSUFFICIENT MARGIN was: ...", "RSN_DUST", "RSN_PAUSE". Only the prefix decides: the rest varies.
/// </summary>
public enum BitfinexOrderStatus : byte
{
    Unknown = 0,
    Active,
    Executed,
    PartiallyFilled,
    Canceled,
    PostOnlyCanceled,
    IocCanceled,
    FokCanceled,
    InsufficientBalance,
    InsufficientMargin,

    /// <summary>RSN_DUST: the rest is below the minimum amount and was removed.</summary>
    Dust,

    /// <summary>RSN_PAUSE: trading paused (rebase, settlement).</summary>
    Paused,
}
