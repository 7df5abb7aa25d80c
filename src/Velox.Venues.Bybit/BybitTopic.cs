namespace Velox.Venues.Bybit;

/// <summary>The public topics the session handles.</summary>
public enum BybitTopic : byte
{
    /// <summary><c>orderbook.{depth}.{symbol}</c>: snapshot + deltas with a consecutive update id <c>u</c>.</summary>
    OrderBook = 0,

    /// <summary><c>publicTrade.{symbol}</c>.</summary>
    PublicTrade,

    /// <summary><c>tickers.{symbol}</c>: snapshot, then deltas carrying only changed fields.</summary>
    Tickers,
}
