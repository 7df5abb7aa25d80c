namespace Velox.Simulator.Bitfinex;

/// <summary>One subscribed channel of a connection (a slot in a preallocated array).</summary>
internal struct Subscription
{
    public ChannelKind Kind;
    public int ChanId;
    public int Instrument;

    /// <summary>Book levels per side the client holds (1, 25, 100 or 250).</summary>
    public int Len;

    /// <summary>Last time a frame went out on the channel, for heartbeats.</summary>
    public long LastSentNanos;

    public int UpdatesSinceChecksum;
}
