namespace Velox.Venues.GateIo.Parsing;

/// <summary>The v4 spot channels the session knows.</summary>
public enum GateIoChannel : byte
{
    Other = 0,

    /// <summary><c>spot.order_book_update</c>: diffs with U/u.</summary>
    OrderBookUpdate,

    /// <summary><c>spot.trades</c>.</summary>
    Trades,

    /// <summary><c>spot.tickers</c>.</summary>
    Tickers,

    /// <summary><c>spot.candlesticks</c> (counted, not normalized).</summary>
    Candlesticks,

    /// <summary><c>spot.ping</c>/<c>spot.pong</c>.</summary>
    Ping,
}
