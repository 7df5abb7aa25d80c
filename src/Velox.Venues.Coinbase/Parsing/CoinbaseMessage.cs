namespace Velox.Venues.Coinbase.Parsing;

/// <summary>
/// The top-level fields of one ws-feed message as raw spans into the frame (strings without quotes).
/// Fields absent from the frame are empty; <see cref="Sequence"/> and <see cref="TradeId"/> are -1 then.
/// </summary>
public ref struct CoinbaseMessage
{
    public CoinbaseMessageType Type;
    public ReadOnlySpan<byte> ProductId;
    public long Sequence;
    public long TradeId;
    public ReadOnlySpan<byte> Side;
    public ReadOnlySpan<byte> Price;
    public ReadOnlySpan<byte> Size;
    public ReadOnlySpan<byte> Time;

    /// <summary>level2 snapshot bids / asks and l2update changes: the raw JSON arrays.</summary>
    public ReadOnlySpan<byte> Bids;
    public ReadOnlySpan<byte> Asks;
    public ReadOnlySpan<byte> Changes;

    /// <summary>subscriptions: the raw <c>channels</c> array.</summary>
    public ReadOnlySpan<byte> Channels;

    public ReadOnlySpan<byte> BestBid;
    public ReadOnlySpan<byte> BestBidSize;
    public ReadOnlySpan<byte> BestAsk;
    public ReadOnlySpan<byte> BestAskSize;
    public ReadOnlySpan<byte> Open24h;
    public ReadOnlySpan<byte> Volume24h;
    public ReadOnlySpan<byte> High24h;
    public ReadOnlySpan<byte> Low24h;
}
