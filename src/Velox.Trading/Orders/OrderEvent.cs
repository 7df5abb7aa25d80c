namespace Velox.Trading.Orders;

/// <summary>What happens to an order: our commands and the venue's reports. Values index <see cref="OrderTransitions"/>.</summary>
public enum OrderEvent : byte
{
    /// <summary>Venue accepted the new order.</summary>
    Ack = 0,

    /// <summary>Venue refused the new order.</summary>
    Reject,

    /// <summary>A fill that leaves quantity open.</summary>
    PartialFill,

    /// <summary>A fill that completes the order.</summary>
    Fill,

    /// <summary>We ask to cancel.</summary>
    CancelRequest,

    /// <summary>Venue confirms a cancel (requested or unsolicited).</summary>
    CancelAck,

    /// <summary>Venue refuses our cancel (e.g. too late to cancel).</summary>
    CancelReject,

    /// <summary>We ask to amend price and/or quantity.</summary>
    ReplaceRequest,

    /// <summary>Venue confirms the amend.</summary>
    ReplaceAck,

    /// <summary>Venue refuses the amend.</summary>
    ReplaceReject,

    /// <summary>Venue expired the order (IOC/FOK rest, end of day).</summary>
    Expire,
}
