namespace Velox.Venues.Bitfinex.Trading.Parsing;

/// <summary>
/// An account frame split into its parts. With the SEQ_ALL conf flag the server appends the
/// connection's public sequence number and then the account's own sequence number.
/// </summary>
public ref struct AccountFrame
{
    public AccountMessageKind Kind;

    /// <summary>The payload value text (array brackets included); empty for heartbeats.</summary>
    public ReadOnlySpan<byte> Payload;

    /// <summary>Integers after the payload (0 to 2 are kept).</summary>
    public int TrailingCount;

    public long Trailing0;

    public long Trailing1;
}
