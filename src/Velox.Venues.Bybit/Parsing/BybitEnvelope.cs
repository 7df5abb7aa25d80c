namespace Velox.Venues.Bybit.Parsing;

/// <summary>The routing fields of one server frame, as views into the frame.</summary>
public readonly ref struct BybitEnvelope
{
    public BybitEnvelope(BybitMessageKind kind, ReadOnlySpan<byte> topic, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data, ReadOnlySpan<byte> op, ReadOnlySpan<byte> returnMessage, bool success, long crossSequence)
    {
        Kind = kind;
        Topic = topic;
        Type = type;
        Data = data;
        Op = op;
        ReturnMessage = returnMessage;
        Success = success;
        CrossSequence = crossSequence;
    }

    public BybitMessageKind Kind { get; }

    /// <summary><c>topic</c>, e.g. <c>orderbook.200.BTCUSDT</c>.</summary>
    public ReadOnlySpan<byte> Topic { get; }

    /// <summary><c>type</c>: "snapshot" or "delta".</summary>
    public ReadOnlySpan<byte> Type { get; }

    /// <summary>The <c>data</c> object or array, brackets included.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary><c>op</c> of a reply ("subscribe", "ping", "pong", ...).</summary>
    public ReadOnlySpan<byte> Op { get; }

    /// <summary><c>ret_msg</c> of a reply ("pong" answers a linear ping).</summary>
    public ReadOnlySpan<byte> ReturnMessage { get; }

    /// <summary><c>success</c> of a reply; true when absent (spot pongs carry none).</summary>
    public bool Success { get; }

    /// <summary>The envelope's <c>cs</c> (tickers' cross sequence), or -1.</summary>
    public long CrossSequence { get; }
}
