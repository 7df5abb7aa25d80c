namespace Velox.Venues.Mexc.Parsing;

/// <summary>
/// A parsed futures frame <c>{"channel":..,"data":..,"symbol":..,"ts":..}</c>: views into the frame.
/// For <c>push.depth</c>, <c>data</c> is <c>{"asks":[[price,vol,count]],"bids":[..],"version":N}</c>.
/// </summary>
public readonly ref struct FuturesPush
{
    internal FuturesPush(FuturesKind kind, ReadOnlySpan<byte> symbol, long timestamp, ReadOnlySpan<byte> data, ReadOnlySpan<byte> asks, ReadOnlySpan<byte> bids, long version)
    {
        Kind = kind;
        Symbol = symbol;
        Timestamp = timestamp;
        Data = data;
        Asks = asks;
        Bids = bids;
        Version = version;
    }

    public FuturesKind Kind { get; }

    /// <summary>Contract name (<c>BTC_USDT</c>).</summary>
    public ReadOnlySpan<byte> Symbol { get; }

    /// <summary><c>ts</c> (ms).</summary>
    public long Timestamp { get; }

    /// <summary>The raw <c>data</c> value (object or array for deals).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Depth: the asks array (brackets included), empty when absent.</summary>
    public ReadOnlySpan<byte> Asks { get; }

    /// <summary>Depth: the bids array (brackets included), empty when absent.</summary>
    public ReadOnlySpan<byte> Bids { get; }

    /// <summary>Depth: <c>version</c>.</summary>
    public long Version { get; }
}
