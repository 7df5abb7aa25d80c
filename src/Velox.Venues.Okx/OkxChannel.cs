namespace Velox.Venues.Okx;

/// <summary>The public channels the session handles.</summary>
public enum OkxChannel : byte
{
    /// <summary><c>books</c>: 400-level snapshot + incremental updates with a CRC-32 checksum.</summary>
    Books = 0,

    /// <summary><c>tickers</c>: last trade, best bid/offer and 24 h statistics.</summary>
    Tickers,

    /// <summary><c>trades</c>: public trades.</summary>
    Trades,
}
