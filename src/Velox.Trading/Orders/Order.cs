using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;

namespace Velox.Trading.Orders;

/// <summary>
/// One order slot in the OMS pool. Mutable and only ever handled by reference inside the OMS; callers
/// get copies. Prices and quantities are raw fixed point at the instrument's scales.
/// </summary>
public struct Order
{
    /// <summary>Our id for the order; unique across restarts (see <see cref="ClientOrderIdSource"/>).</summary>
    public long ClientOrderId;

    /// <summary>The venue's id, once acknowledged (0 before).</summary>
    public long VenueOrderId;

    public InstrumentId Instrument;

    public Side Side;

    public OrderType Type;

    public TimeInForce TimeInForce;

    public OrderFlags Flags;

    public OrderState State;

    /// <summary>The live state to return to when a pending cancel/replace is refused.</summary>
    public OrderState BeforePending;

    public Price Price;

    public Quantity Quantity;

    /// <summary>Cumulative filled quantity, summed over distinct fill ids.</summary>
    public Quantity Filled;

    /// <summary>Price asked for by a pending amend.</summary>
    public Price PendingPrice;

    /// <summary>Quantity asked for by a pending amend.</summary>
    public Quantity PendingQuantity;

    /// <summary>Sum of fill price × quantity (scale price+size): average fill price = FilledNotional / Filled.</summary>
    public Int128 FilledNotional;

    /// <summary>Sum of fees at the fee scale; negative means net rebate.</summary>
    public long Fees;

    /// <summary>Monotonic nanoseconds when the order was created.</summary>
    public long CreatedNanos;

    /// <summary>Monotonic nanoseconds of the last applied change.</summary>
    public long UpdatedNanos;

    /// <summary>Venue's last reject code, if any.</summary>
    public ushort RejectCode;

    /// <summary>Quantity still working (0 when terminal).</summary>
    public readonly Quantity Leaves =>
        OrderTransitions.IsTerminal(State) ? default : new Quantity(Quantity.Raw - Filled.Raw);

    // Intrusive doubly linked list of open orders per instrument (slot indices, -1 = none).
    internal int NextOpen;
    internal int PreviousOpen;
}
