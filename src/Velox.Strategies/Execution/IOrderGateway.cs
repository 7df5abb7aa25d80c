using Velox.Core.Instruments;
using Velox.Trading.Orders;

namespace Velox.Strategies.Execution;

/// <summary>
/// A venue order gateway (encoder + connection) as the strategies see it: the simulator's order entry in
/// paper mode, a real venue in live mode. <see cref="GatewaySink{TGateway}"/> checks the mode against
/// <see cref="IsLoopback"/> and <see cref="HasCredentials"/> before anything is sent.
/// </summary>
public interface IOrderGateway
{
    /// <summary>True when the gateway's endpoint is on the loopback interface (our embedded simulator).</summary>
    bool IsLoopback { get; }

    /// <summary>True when API credentials are loaded (never their values).</summary>
    bool HasCredentials { get; }

    /// <summary>Encodes and sends a new order; false on back-pressure or when disconnected.</summary>
    bool TrySendNew(long clientOrderId, in OrderRequest order);

    /// <summary>Sends a cancel; false on back-pressure or when disconnected.</summary>
    bool TrySendCancel(long clientOrderId, InstrumentId instrument);

    /// <summary>
    /// Sends the amend of an order the OMS moved to PendingReplace (its pending price and size); false when not sent.
    /// A venue without an amend keeps the default: never sent, so the strategy cancels and places anew.
    /// </summary>
    bool TrySendAmend(long clientOrderId, InstrumentId instrument) => false;

    /// <summary>Sends the venue's cancel-all (<see cref="InstrumentId.None"/>: everything on the venue).</summary>
    bool TrySendCancelAll(InstrumentId instrument);
}
