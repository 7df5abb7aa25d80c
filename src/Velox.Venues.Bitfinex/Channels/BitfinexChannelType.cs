namespace Velox.Venues.Bitfinex.Channels;

/// <summary>Public channel kinds the session understands.</summary>
public enum BitfinexChannelType : byte
{
    Unknown = 0,

    /// <summary>Aggregated book (precision P0..P4).</summary>
    Book,

    /// <summary>Raw (order-level) book, precision R0.</summary>
    RawBook,

    Trades,

    Ticker,
}
