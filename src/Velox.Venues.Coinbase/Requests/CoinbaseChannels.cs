namespace Velox.Venues.Coinbase.Requests;

/// <summary>The ws-feed channels a product can be subscribed to.</summary>
[Flags]
public enum CoinbaseChannels : byte
{
    None = 0,

    /// <summary>level2: snapshot + l2update (no sequence, no checksum).</summary>
    Level2 = 1,

    /// <summary>ticker: one message per trade with best bid/ask and 24 h statistics.</summary>
    Ticker = 2,

    /// <summary>matches: every trade (last_match first).</summary>
    Matches = 4,

    /// <summary>heartbeat: once a second per product.</summary>
    Heartbeat = 8,
}
