using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Trading.Orders;

namespace Velox.Strategies.Execution;

/// <summary>
/// Where orders go after risk and the OMS accepted them: the venue's order gateway, the simulator, or a
/// recorder. Use it as a generic constraint (<c>where TSink : struct, IOrderSink</c>) so the call is inlined.
/// A false return means the command could not be handed over (back-pressure, disconnected); the router then
/// books it as refused so the OMS never waits for an answer that will not come. Sinks are held in readonly
/// fields: make them readonly structs over a class that holds any mutable state.
/// </summary>
public interface IOrderSink
{
    /// <summary>What this sink does with orders.</summary>
    ExecutionMode Mode { get; }

    /// <summary>Sends a new order under <paramref name="clientOrderId"/>.</summary>
    bool TrySendNew(long clientOrderId, in OrderRequest order);

    /// <summary>Sends a cancel of one order.</summary>
    bool TrySendCancel(long clientOrderId, InstrumentId instrument);

    /// <summary>
    /// Sends an amend of a working order (OMS state PendingReplace) to <paramref name="price"/> and
    /// <paramref name="quantity"/> (new total size). False when the sink cannot amend (the venue has no amend, or
    /// back-pressure): the router books a replace reject and the strategy falls back to cancel + new.
    /// </summary>
    bool TrySendAmend(long clientOrderId, InstrumentId instrument, Price price, Quantity quantity);

    /// <summary>Sends the venues' cancel-all for an instrument (<see cref="InstrumentId.None"/>: every instrument).</summary>
    bool TrySendCancelAll(InstrumentId instrument);
}
