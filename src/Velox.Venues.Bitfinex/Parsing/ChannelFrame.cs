namespace Velox.Venues.Bitfinex.Parsing;

/// <summary>
/// A channel frame split into its parts, as views over the frame bytes. Trailing integers after the
/// payload are the sequence number and/or timestamp, depending on the conf flags.
/// </summary>
public ref struct ChannelFrame
{
    /// <summary>The channel id (first element).</summary>
    public long ChannelId;

    public ChannelMessageKind Kind;

    /// <summary>The payload array text (brackets included); for checksums the number token; empty for heartbeats.</summary>
    public ReadOnlySpan<byte> Payload;

    /// <summary>Number of integers after the payload (0 to 2 are kept).</summary>
    public int TrailingCount;

    /// <summary>First trailing integer.</summary>
    public long Trailing0;

    /// <summary>Second trailing integer.</summary>
    public long Trailing1;

    /// <summary>The sequence number under the given flags (SEQ_ALL puts it first after the payload).</summary>
    public readonly bool TryGetSequence(BitfinexConfFlags flags, out long sequence)
    {
        sequence = Trailing0;
        return (flags & BitfinexConfFlags.SeqAll) != 0 && TrailingCount >= 1;
    }

    /// <summary>The millisecond timestamp under the given flags (TIMESTAMP appends it last).</summary>
    public readonly bool TryGetTimestamp(BitfinexConfFlags flags, out long timestampMs)
    {
        var index = (flags & BitfinexConfFlags.SeqAll) != 0 ? 1 : 0;
        timestampMs = index == 0 ? Trailing0 : Trailing1;
        return (flags & BitfinexConfFlags.Timestamp) != 0 && TrailingCount > index;
    }
}
