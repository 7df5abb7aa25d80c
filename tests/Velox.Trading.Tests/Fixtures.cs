using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.Trading.Oms;
using Velox.Trading.Orders;

namespace Velox.Trading.Tests;

/// <summary>Shared builders: an OMS on a replay clock, and orders on instrument 0 (price scale 2, size scale 4).</summary>
internal static class Fixtures
{
    public static readonly InstrumentId Btc = new(0);
    public static readonly InstrumentId Eth = new(1);

    public static OrderManager NewOms(ReplayClock? clock = null, int maxOrders = 64, int fillHistory = 4096) =>
        new(new OmsOptions { MaxOrders = maxOrders, MaxInstruments = 4, FillIdHistory = fillHistory }, new ClientOrderIdSource(7), clock ?? new ReplayClock(1_000));

    /// <summary>Price in whole units at scale 2.</summary>
    public static Price Px(decimal value) => new((long)(value * 100));

    /// <summary>Quantity in whole units at scale 4.</summary>
    public static Quantity Qty(decimal value) => new((long)(value * 10_000));

    public static OrderRequest Buy(decimal price, decimal quantity, InstrumentId? instrument = null) =>
        OrderRequest.Limit(instrument ?? Btc, Side.Bid, Px(price), Qty(quantity));

    public static OrderRequest Sell(decimal price, decimal quantity, InstrumentId? instrument = null) =>
        OrderRequest.Limit(instrument ?? Btc, Side.Ask, Px(price), Qty(quantity));

    public static long Submit(OrderManager oms, in OrderRequest request)
    {
        Assert.That(oms.TrySubmit(request, out var id), Is.EqualTo(SubmitStatus.Accepted));
        return id;
    }

    public static OrderState State(OrderManager oms, long id)
    {
        Assert.That(oms.TryGet(id, out var order), Is.True);
        return order.State;
    }
}
