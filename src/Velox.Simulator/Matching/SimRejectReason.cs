namespace Velox.Simulator.Matching;

/// <summary>Why a request was refused before it touched the book.</summary>
public enum SimRejectReason
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>Amount zero, malformed, or not on the size grid.</summary>
    InvalidAmount,

    /// <summary>Limit price missing, non-positive or malformed.</summary>
    InvalidPrice,

    /// <summary>The wallet cannot cover the order.</summary>
    InsufficientBalance,

    /// <summary>No open order of this account has that id (or cid).</summary>
    OrderNotFound,

    /// <summary>The simulator was told to refuse this request (fault injection).</summary>
    Injected,
}
