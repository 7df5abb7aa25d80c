using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Strategies.Execution;
using Velox.Trading.Oms;
using Velox.Trading.Orders;

namespace Velox.Host.Trading;

/// <summary>A sink that tells <see cref="TickToTrade"/> when a new order went out through <typeparamref name="TInner"/>.</summary>
public readonly struct MeasuredSink<TInner> : IOrderSink
    where TInner : struct, IOrderSink
{
    private readonly TInner _inner;
    private readonly TickToTrade _tickToTrade;
    private readonly OrderManager? _orders;

    /// <param name="inner">The sink that sends.</param>
    /// <param name="tickToTrade">The md thread's tick-to-trade.</param>
    /// <param name="orders">The OMS, to name an amended order by its venue id to the wire-to-wire probe; null: amends are not wire samples.</param>
    public MeasuredSink(TInner inner, TickToTrade tickToTrade, OrderManager? orders = null)
    {
        ArgumentNullException.ThrowIfNull(tickToTrade);
        _inner = inner;
        _tickToTrade = tickToTrade;
        _orders = orders;
    }

    public ExecutionMode Mode => _inner.Mode;

    public bool TrySendNew(long clientOrderId, in OrderRequest order)
    {
        _tickToTrade.OnCommand(isNewOrder: true, clientOrderId);
        if (!_inner.TrySendNew(clientOrderId, order))
        {
            return false;
        }

        _tickToTrade.OnOrderSent();
        return true;
    }

    public bool TrySendCancel(long clientOrderId, InstrumentId instrument)
    {
        _tickToTrade.OnCommand(isNewOrder: false, clientOrderId);
        return _inner.TrySendCancel(clientOrderId, instrument);
    }

    /// <summary>An amend moves a quote like a new order would: it is the decision's order for tick-to-trade.</summary>
    public bool TrySendAmend(long clientOrderId, InstrumentId instrument, Price price, Quantity quantity)
    {
        _tickToTrade.OnAmendCommand(_orders is not null && _orders.TryFind(clientOrderId, out var slot) ? _orders[slot].VenueOrderId : 0);
        if (!_inner.TrySendAmend(clientOrderId, instrument, price, quantity))
        {
            return false;
        }

        _tickToTrade.OnOrderSent();
        return true;
    }

    public bool TrySendCancelAll(InstrumentId instrument) => _inner.TrySendCancelAll(instrument);
}
