namespace Velox.Trading.Risk;

/// <summary>Why pre-trade risk refused an order. Values index the per-reason counters.</summary>
public enum RiskRejectReason : byte
{
    /// <summary>Passed every check.</summary>
    None = 0,

    /// <summary>The manual kill switch is engaged.</summary>
    KillSwitch,

    /// <summary>A circuit breaker put trading in HALT.</summary>
    Halted,

    /// <summary>REDUCE_ONLY (breaker or order flag) and the order would not reduce the position.</summary>
    ReduceOnly,

    /// <summary>Malformed order (see <see cref="Orders.OrderRequest.IsWellFormed"/>).</summary>
    InvalidOrder,

    /// <summary>Instrument id has no risk configuration.</summary>
    UnknownInstrument,

    /// <summary>The book is not InSync.</summary>
    BookNotInSync,

    /// <summary>The book's last update is older than the configured age.</summary>
    StaleMarketData,

    /// <summary>No reference price to check the order against.</summary>
    NoReferencePrice,

    /// <summary>Limit price further from the reference price than the band allows (fat finger).</summary>
    PriceBand,

    /// <summary>Order quantity above the instrument's maximum.</summary>
    MaxOrderQuantity,

    /// <summary>Order notional above the instrument's maximum.</summary>
    MaxOrderNotional,

    /// <summary>Order notional above the global maximum.</summary>
    MaxGlobalOrderNotional,

    /// <summary>Position after this and every open order on the same side filled would exceed the maximum.</summary>
    MaxPosition,

    /// <summary>Open orders on the instrument at the maximum.</summary>
    MaxOpenOrders,

    /// <summary>Open orders across all instruments at the maximum.</summary>
    MaxGlobalOpenOrders,

    /// <summary>Would cross our own resting order on the same instrument (self-trade prevention).</summary>
    SelfTrade,

    /// <summary>The venue's order-rate token bucket is empty.</summary>
    RateLimit,
}
