namespace Velox.Trading.Orders;

/// <summary>Outcome of looking an (state, event) pair up in <see cref="OrderTransitions"/>.</summary>
public enum TransitionResult : byte
{
    /// <summary>The event is legal; the order moves to the returned state (which may be the same state).</summary>
    Applied = 0,

    /// <summary>A late or duplicate report that carries no new information (ack after fill, cancel ack after full fill); ignored.</summary>
    Stale,

    /// <summary>The event cannot happen in this state; it is counted and never applied.</summary>
    Illegal,
}
