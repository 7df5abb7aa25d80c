namespace Velox.Venues.Mexc.Parsing;

/// <summary>
/// A parsed spot <c>PushDataV3ApiWrapper</c>: views into the frame, valid while the frame is.
/// Layout (mexcdevelop/websocket-proto): <c>channel = 1</c>, <c>symbol = 3</c>, <c>symbolId = 4</c>,
/// <c>createTime = 5</c>, <c>sendTime = 6</c>, <c>oneof body</c> 301..315.
/// </summary>
public readonly ref struct SpotPush
{
    internal SpotPush(SpotChannel channel, ReadOnlySpan<byte> channelName, ReadOnlySpan<byte> symbol, long sendTime, ReadOnlySpan<byte> body, long fromVersion, long toVersion)
    {
        Channel = channel;
        ChannelName = channelName;
        Symbol = symbol;
        SendTime = sendTime;
        Body = body;
        FromVersion = fromVersion;
        ToVersion = toVersion;
    }

    /// <summary>Which body the push carries.</summary>
    public SpotChannel Channel { get; }

    /// <summary>The <c>channel</c> string (<c>spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT</c>).</summary>
    public ReadOnlySpan<byte> ChannelName { get; }

    /// <summary>The <c>symbol</c> field, or the channel's last segment when the field is absent.</summary>
    public ReadOnlySpan<byte> Symbol { get; }

    /// <summary><c>sendTime</c> (ms), 0 when absent.</summary>
    public long SendTime { get; }

    /// <summary>The body message's bytes (depth or deals).</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>Depth: first version in the push (<c>fromVersion</c>, or <c>version</c> for increase.depth).</summary>
    public long FromVersion { get; }

    /// <summary>Depth: last version in the push (<c>toVersion</c>, or <c>version</c> for increase.depth).</summary>
    public long ToVersion { get; }
}
