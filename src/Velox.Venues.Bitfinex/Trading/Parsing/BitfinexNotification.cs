namespace Velox.Venues.Bitfinex.Trading.Parsing;

/// <summary>
/// A notification <c>[MTS, TYPE, MESSAGE_ID, null, NOTIFY_INFO, CODE, STATUS, TEXT]</c>. For on-req,
/// oc-req and ou-req NOTIFY_INFO is an order array, parsed into <see cref="Order"/>.
/// </summary>
public ref struct BitfinexNotification
{
    /// <summary>"on-req", "oc-req", "ou-req", "oc_multi-req", ...</summary>
    public ReadOnlySpan<byte> Type;

    /// <summary>CODE, or -1 when null.</summary>
    public long Code;

    /// <summary>"SUCCESS", "ERROR", "FAILURE", ...</summary>
    public ReadOnlySpan<byte> Status;

    public ReadOnlySpan<byte> Text;

    /// <summary>True when NOTIFY_INFO was an order array.</summary>
    public bool HasOrder;

    public BitfinexOrder Order;

    /// <summary>True for STATUS "SUCCESS".</summary>
    public readonly bool IsSuccess => Status.SequenceEqual("SUCCESS"u8);
}
