namespace Velox.Venues.Kraken;

/// <summary>The public channels the session handles.</summary>
public enum KrakenChannel : byte
{
    /// <summary><c>book-N</c>: snapshot <c>as</c>/<c>bs</c>, updates <c>a</c>/<c>b</c> with a CRC-32 <c>c</c>.</summary>
    Book = 0,

    /// <summary><c>trade</c>: public trades.</summary>
    Trade,

    /// <summary><c>ticker</c>: best bid/offer, last trade and daily statistics.</summary>
    Ticker,
}
