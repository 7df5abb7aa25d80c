namespace Velox.Simulator.Matching;

/// <summary>Life-cycle state of an order.</summary>
public enum SimOrderStatus
{
    /// <summary>Resting without fills.</summary>
    Active,

    /// <summary>Resting with some fills.</summary>
    PartiallyFilled,

    /// <summary>Completely filled.</summary>
    Executed,

    /// <summary>Cancelled by the user (or the dead-man switch).</summary>
    Canceled,

    /// <summary>Post-only order that would have taken liquidity.</summary>
    PostOnlyCanceled,

    /// <summary>Remainder of an immediate-or-cancel order.</summary>
    IocCanceled,

    /// <summary>Fill-or-kill order that could not fill completely.</summary>
    FokCanceled,

    /// <summary>Remainder of a market order that ran out of book or of balance.</summary>
    InsufficientBalance,
}
