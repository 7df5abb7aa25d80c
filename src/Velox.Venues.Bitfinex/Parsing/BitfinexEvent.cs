namespace Velox.Venues.Bitfinex.Parsing;

/// <summary>
/// An event object (<c>{"event":...}</c>) with the fields the session uses; string fields are views
/// over the frame bytes. Numeric fields absent from the event are -1.
/// </summary>
public ref struct BitfinexEvent
{
    public BitfinexEventKind Kind;

    /// <summary>Info/error code (20051, 20060, 20061, 10300, ...).</summary>
    public long Code;

    /// <summary>Info: API version.</summary>
    public long Version;

    /// <summary>Info: platform.status (1 operative, 0 maintenance).</summary>
    public long PlatformStatus;

    /// <summary>Conf: the flags acknowledged.</summary>
    public long Flags;

    /// <summary>Subscribed/unsubscribed: the channel id.</summary>
    public long ChannelId;

    /// <summary>Subscribed: book length ("len" as string or number).</summary>
    public long Length;

    /// <summary>"status" (conf, unsubscribed): "OK" or a failure text.</summary>
    public ReadOnlySpan<byte> Status;

    /// <summary>Subscribed: "book", "trades", "ticker", ...</summary>
    public ReadOnlySpan<byte> Channel;

    /// <summary>Subscribed: "tBTCUSD", "fUSD", ...</summary>
    public ReadOnlySpan<byte> Symbol;

    /// <summary>Subscribed: "P0".."P4" or "R0".</summary>
    public ReadOnlySpan<byte> Precision;

    /// <summary>Subscribed: "F0"/"F1".</summary>
    public ReadOnlySpan<byte> Frequency;

    /// <summary>Info/error: human-readable text.</summary>
    public ReadOnlySpan<byte> Message;

    /// <summary>True when "status" is "OK".</summary>
    public readonly bool StatusOk => Status.SequenceEqual("OK"u8);
}
