namespace Velox.Venues.Htx.Parsing;

/// <summary>Top-level fields of one (decompressed) HTX message as raw spans; absent fields are empty.</summary>
public ref struct HtxMessage
{
    /// <summary>The number of a <c>{"ping":N}</c>, kept as text to echo it unchanged.</summary>
    public ReadOnlySpan<byte> Ping;

    /// <summary>Push topic, e.g. <c>market.btcusdt.depth.step0</c>.</summary>
    public ReadOnlySpan<byte> Channel;

    /// <summary>The raw <c>tick</c> object of a push.</summary>
    public ReadOnlySpan<byte> Tick;

    /// <summary>Topic acknowledged by a sub reply.</summary>
    public ReadOnlySpan<byte> Subbed;

    public ReadOnlySpan<byte> Status;
}
