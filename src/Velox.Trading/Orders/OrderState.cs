namespace Velox.Trading.Orders;

/// <summary>Lifecycle state of an order. Values index <see cref="OrderTransitions"/>.</summary>
public enum OrderState : byte
{
    /// <summary>Sent, not yet acknowledged by the venue.</summary>
    PendingNew = 0,

    /// <summary>Acknowledged and working, nothing filled.</summary>
    New,

    /// <summary>Working with part of its quantity filled.</summary>
    PartiallyFilled,

    /// <summary>Completely filled (terminal).</summary>
    Filled,

    /// <summary>A cancel was sent and not yet answered.</summary>
    PendingCancel,

    /// <summary>Cancelled by us or by the venue (terminal; late fills are still booked).</summary>
    Cancelled,

    /// <summary>An amend was sent and not yet answered.</summary>
    PendingReplace,

    /// <summary>Working at the amended price/quantity.</summary>
    Replaced,

    /// <summary>Refused by the venue (terminal).</summary>
    Rejected,

    /// <summary>Time in force ran out, e.g. the unfilled rest of an IOC (terminal; late fills are still booked).</summary>
    Expired,
}
