namespace Velox.MarketData.Streams;

/// <summary>Kind of a record on the market-data event stream (u16 at <see cref="MarketDataHeader.TypeOffset"/>).</summary>
public enum MarketDataMessageType : ushort
{
    /// <summary>Not a market-data record.</summary>
    None = 0,

    /// <summary>A <see cref="BookLevelRecord"/>.</summary>
    BookLevel = 1,

    /// <summary>A <see cref="TradeRecord"/>.</summary>
    Trade = 2,

    /// <summary>A <see cref="BookStateRecord"/>.</summary>
    BookState = 3,

    /// <summary>A <see cref="TickerRecord"/>.</summary>
    Ticker = 4,

    /// <summary>A <see cref="BatchEndRecord"/>: the end of one md connector turn for one book.</summary>
    BatchEnd = 5,
}
