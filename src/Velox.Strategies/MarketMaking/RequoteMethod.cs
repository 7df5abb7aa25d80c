namespace Velox.Strategies.MarketMaking;

/// <summary>How the market maker moves a working quote to a new price or size.</summary>
public enum RequoteMethod : byte
{
    /// <summary>Cancel the quote and place a new one (two messages, two acks, a new client order id).</summary>
    CancelNew = 0,

    /// <summary>
    /// Amend the working quote in place (one message, one ack); cancel + new where an amend is not possible: the
    /// quote is not acknowledged yet, the venue refused an amend of it, the amend would cross our own order, or the
    /// size is zero.
    /// </summary>
    Amend,
}
