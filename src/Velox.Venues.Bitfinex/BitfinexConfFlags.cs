namespace Velox.Venues.Bitfinex;

/// <summary>Flags of the <c>{"event":"conf","flags":N}</c> request (sum of the wanted values).</summary>
[Flags]
public enum BitfinexConfFlags : long
{
    None = 0,

    /// <summary>All decimals as strings (not supported by this parser: numbers must be bare).</summary>
    DecimalsAsStrings = 8,

    /// <summary>All timestamps as strings.</summary>
    TimestampsAsStrings = 32,

    /// <summary>A millisecond timestamp is appended to every channel frame (after the sequence number).</summary>
    Timestamp = 32768,

    /// <summary>A per-connection sequence number is appended to every channel frame, heartbeats included.</summary>
    SeqAll = 65536,

    /// <summary>The server sends <c>[chanId,"cs",checksum]</c> after every book change (top 25 per side).</summary>
    OrderBookChecksum = 131072,
}
