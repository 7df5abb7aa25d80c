namespace Velox.Venues.Coinbase.Parsing;

/// <summary>The <c>type</c> field of a ws-feed message.</summary>
public enum CoinbaseMessageType : byte
{
    Unknown = 0,

    /// <summary>level2 full book: <c>bids</c>/<c>asks</c> arrays of <c>[price, size]</c> strings.</summary>
    Snapshot,

    /// <summary>level2 change: <c>changes</c> array of <c>[side, price, size]</c>; size "0" deletes.</summary>
    L2Update,

    Ticker,

    /// <summary>A trade on the matches channel.</summary>
    Match,

    /// <summary>The most recent trade, sent once on subscribing to matches.</summary>
    LastMatch,

    /// <summary>The server's list of active subscriptions (the reply to subscribe/unsubscribe).</summary>
    Subscriptions,

    Heartbeat,

    Error,
}
