namespace Velox.Simulator.Matching;

/// <summary>What an <see cref="ExecutionEvent"/> reports.</summary>
public enum ExecutionKind
{
    /// <summary>Answer to a request (accepted or rejected); comes before the order events it causes.</summary>
    Ack,

    /// <summary>An order entered the book (or was accepted, for orders that never rest).</summary>
    OrderNew,

    /// <summary>A resting order changed (fill, amend).</summary>
    OrderUpdate,

    /// <summary>An order left the book: executed or cancelled.</summary>
    OrderClosed,

    /// <summary>One fill of one order.</summary>
    Fill,

    /// <summary>A wallet's balance or available amount changed.</summary>
    Wallet,
}
