namespace Velox.Venues.Binance.Parsing;

/// <summary>
/// One parsed Binance frame (combined-stream envelope unwrapped) or REST depth body: spans point into
/// the frame and are valid as long as it is. Only the fields named in <see cref="Fields"/> are set.
/// </summary>
public ref struct BinanceMessage
{
    public BinanceMessageKind Kind;
    public BinanceFields Fields;

    /// <summary>Combined-stream name (<c>btcusdt@depth@100ms</c>); empty on raw streams.</summary>
    public ReadOnlySpan<byte> Stream;

    /// <summary>The event type text (<c>e</c>).</summary>
    public ReadOnlySpan<byte> EventType;

    /// <summary>Symbol as Binance writes it in data (<c>BTCUSDT</c>).</summary>
    public ReadOnlySpan<byte> Symbol;

    /// <summary>Depth: first update id <c>U</c>.</summary>
    public long FirstId;

    /// <summary>Depth: last update id <c>u</c> (bookTicker: its update id).</summary>
    public long LastId;

    /// <summary>Futures depth: last id of the previous event <c>pu</c>.</summary>
    public long PreviousId;

    /// <summary>REST snapshot <c>lastUpdateId</c>.</summary>
    public long SnapshotId;

    /// <summary>Depth <c>b</c> / snapshot <c>bids</c> array.</summary>
    public ReadOnlySpan<byte> Bids;

    /// <summary>Depth <c>a</c> / snapshot <c>asks</c> array.</summary>
    public ReadOnlySpan<byte> Asks;

    /// <summary>bookTicker <c>b</c>, <c>B</c>, <c>a</c>, <c>A</c>.</summary>
    public ReadOnlySpan<byte> BidPrice;
    public ReadOnlySpan<byte> BidSize;
    public ReadOnlySpan<byte> AskPrice;
    public ReadOnlySpan<byte> AskSize;

    /// <summary>Trade price <c>p</c> and quantity <c>q</c>.</summary>
    public ReadOnlySpan<byte> Price;
    public ReadOnlySpan<byte> Quantity;

    /// <summary>Trade id <c>t</c>, or aggregate trade id <c>a</c>.</summary>
    public long TradeId;

    /// <summary>Trade time <c>T</c> (Unix ms; futures depth: transaction time).</summary>
    public long TradeTime;

    /// <summary>Event time <c>E</c> (Unix ms).</summary>
    public long EventTime;

    /// <summary><c>m</c>: the buyer was the maker, so the seller was the aggressor.</summary>
    public bool BuyerIsMaker;

    /// <summary>Reply/request id.</summary>
    public long RequestId;

    /// <summary>True when every field in <paramref name="required"/> is present.</summary>
    public readonly bool Has(BinanceFields required) => (Fields & required) == required;
}
