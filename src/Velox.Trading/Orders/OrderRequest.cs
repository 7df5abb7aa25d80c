using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;

namespace Velox.Trading.Orders;

/// <summary>A new order as a strategy asks for it (before risk and before it has a client order id).</summary>
public readonly record struct OrderRequest(
    InstrumentId Instrument,
    Side Side,
    OrderType Type,
    TimeInForce TimeInForce,
    Price Price,
    Quantity Quantity,
    OrderFlags Flags = OrderFlags.None)
{
    /// <summary>A good-till-cancel limit order.</summary>
    public static OrderRequest Limit(InstrumentId instrument, Side side, Price price, Quantity quantity) =>
        new(instrument, side, OrderType.Limit, TimeInForce.GoodTillCancel, price, quantity);

    /// <summary>An immediate-or-cancel market order (no price).</summary>
    public static OrderRequest Market(InstrumentId instrument, Side side, Quantity quantity) =>
        new(instrument, side, OrderType.Market, TimeInForce.ImmediateOrCancel, default, quantity);

    /// <summary>
    /// Shape rules every venue shares: positive quantity; limit and post-only orders have a positive price;
    /// market orders are IOC or FOK (they must not rest); post-only orders are GTC (they must rest).
    /// </summary>
    public bool IsWellFormed =>
        Quantity.Raw > 0 &&
        Type switch
        {
            OrderType.Limit => Price.Raw > 0,
            OrderType.Market => TimeInForce != TimeInForce.GoodTillCancel,
            OrderType.PostOnly => Price.Raw > 0 && TimeInForce == TimeInForce.GoodTillCancel,
            _ => false,
        };
}
