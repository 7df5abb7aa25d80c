namespace Velox.Venues.Binance.Parsing;

/// <summary>What a Binance frame (or REST body) is.</summary>
public enum BinanceMessageKind : byte
{
    /// <summary>Not recognised (an event type the session does not handle).</summary>
    Other = 0,

    /// <summary><c>depthUpdate</c> diff (U/u, futures add pu).</summary>
    DepthUpdate,

    /// <summary><c>trade</c>: one trade.</summary>
    Trade,

    /// <summary><c>aggTrade</c>: trades of one taker order at one price.</summary>
    AggTrade,

    /// <summary><c>bookTicker</c>: best bid and offer (spot frames carry no event type).</summary>
    BookTicker,

    /// <summary><c>kline</c>: candles (counted, not normalized).</summary>
    Kline,

    /// <summary>REST depth snapshot <c>{"lastUpdateId":...,"bids":...,"asks":...}</c>.</summary>
    DepthSnapshot,

    /// <summary>Reply to a SUBSCRIBE/UNSUBSCRIBE request <c>{"result":null,"id":N}</c>.</summary>
    Reply,

    /// <summary>An error reply <c>{"code":..,"msg":..}</c> or <c>{"error":{...}}</c>.</summary>
    Error,
}
