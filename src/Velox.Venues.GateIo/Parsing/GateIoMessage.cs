namespace Velox.Venues.GateIo.Parsing;

/// <summary>
/// One parsed Gate.io v4 frame (<c>{"time","channel","event","result"}</c>) or REST order-book body;
/// spans point into the frame. Numbers Gate.io quotes are kept as tokens.
/// </summary>
public ref struct GateIoMessage
{
    public GateIoChannel Channel;
    public GateIoEventKind Event;

    /// <summary>True when the frame carries a non-null <c>error</c>.</summary>
    public bool IsError;

    /// <summary>True when <c>result</c> is an object that was read.</summary>
    public bool HasResult;

    /// <summary>Currency pair (<c>s</c> or <c>currency_pair</c>), e.g. <c>BTC_USDT</c>.</summary>
    public ReadOnlySpan<byte> Pair;

    /// <summary>Book diff first/last update ids; both are set only when present.</summary>
    public long FirstId;
    public long LastId;
    public bool HasIds;

    /// <summary>Trade id, or the REST snapshot's book id (<c>id</c>).</summary>
    public long Id;
    public bool HasId;

    /// <summary>Book diff <c>b</c>/<c>a</c>, REST <c>bids</c>/<c>asks</c>.</summary>
    public ReadOnlySpan<byte> Bids;
    public ReadOnlySpan<byte> Asks;

    /// <summary>Trade fields.</summary>
    public ReadOnlySpan<byte> Side;
    public ReadOnlySpan<byte> Amount;
    public ReadOnlySpan<byte> Price;
    public ReadOnlySpan<byte> CreateTimeMs;

    /// <summary>Ticker fields.</summary>
    public ReadOnlySpan<byte> Last;
    public ReadOnlySpan<byte> LowestAsk;
    public ReadOnlySpan<byte> HighestBid;
    public ReadOnlySpan<byte> ChangePercentage;
    public ReadOnlySpan<byte> BaseVolume;
    public ReadOnlySpan<byte> High24h;
    public ReadOnlySpan<byte> Low24h;
}
