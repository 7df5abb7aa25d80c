namespace Velox.Venues.Binance.Parsing;

/// <summary>Which fields a parsed <see cref="BinanceMessage"/> holds.</summary>
[Flags]
public enum BinanceFields
{
    None = 0,
    EventType = 1 << 0,
    Symbol = 1 << 1,
    FirstId = 1 << 2,
    LastId = 1 << 3,
    PreviousId = 1 << 4,
    Bids = 1 << 5,
    Asks = 1 << 6,
    BidPrice = 1 << 7,
    BidSize = 1 << 8,
    AskPrice = 1 << 9,
    AskSize = 1 << 10,
    Price = 1 << 11,
    Quantity = 1 << 12,
    TradeId = 1 << 13,
    TradeTime = 1 << 14,
    BuyerIsMaker = 1 << 15,
    SnapshotId = 1 << 16,
    Result = 1 << 17,
    RequestId = 1 << 18,
    ErrorCode = 1 << 19,
    Stream = 1 << 20,
    EventTime = 1 << 21,

    /// <summary>Fields a depthUpdate needs on both markets.</summary>
    Depth = Symbol | FirstId | LastId | Bids | Asks,

    /// <summary>Fields a trade or aggTrade needs.</summary>
    TradeRequired = Symbol | TradeId | Price | Quantity | BuyerIsMaker,

    /// <summary>Fields a bookTicker needs.</summary>
    BookTickerRequired = Symbol | BidPrice | BidSize | AskPrice | AskSize,

    /// <summary>Fields a REST depth snapshot needs.</summary>
    Snapshot = SnapshotId | Bids | Asks,
}
