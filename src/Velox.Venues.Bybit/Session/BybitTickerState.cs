namespace Velox.Venues.Bybit.Session;

/// <summary>Last known ticker fields of one symbol, raw fixed point; a delta overwrites only what it carries.</summary>
internal struct BybitTickerState
{
    public long Last;
    public long Bid;
    public long BidSize;
    public long Ask;
    public long AskSize;
    public long PrevPrice24h;
    public long High24h;
    public long Low24h;
    public long Volume24h;

    /// <summary><c>price24hPcnt</c> as a fraction at <see cref="Velox.MarketData.Events.TickerEvent.RelativeScale"/>.</summary>
    public long Change24hRelative;
}
