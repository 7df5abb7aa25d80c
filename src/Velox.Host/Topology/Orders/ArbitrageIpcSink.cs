using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Strategies.Execution;
using Velox.Trading.Orders;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// The multi topology's arbitrage <see cref="IOrderSink"/>: each command goes over IPC to the og of its instrument's
/// venue (the Binance instrument to the Binance og, everything else to the Bitfinex og); a cancel-all for every
/// instrument goes to both.
/// </summary>
public readonly struct ArbitrageIpcSink : IOrderSink
{
    private readonly OrderCommandPublisher _bitfinex;
    private readonly OrderCommandPublisher _binance;
    private readonly InstrumentId _binanceInstrument;

    public ArbitrageIpcSink(OrderCommandPublisher bitfinex, OrderCommandPublisher binance, InstrumentId binanceInstrument, ExecutionMode mode)
    {
        ArgumentNullException.ThrowIfNull(bitfinex);
        ArgumentNullException.ThrowIfNull(binance);
        _bitfinex = bitfinex;
        _binance = binance;
        _binanceInstrument = binanceInstrument;
        Mode = mode;
    }

    /// <summary>Paper or dry run: the og's decide what a command becomes.</summary>
    public ExecutionMode Mode { get; }

    public bool TrySendNew(long clientOrderId, in OrderRequest order) => For(order.Instrument).TrySendNew(clientOrderId, order);

    public bool TrySendCancel(long clientOrderId, InstrumentId instrument) => For(instrument).TrySendCancel(clientOrderId, instrument);

    public bool TrySendAmend(long clientOrderId, InstrumentId instrument, Price price, Quantity quantity) =>
        For(instrument).TrySendAmend(clientOrderId, instrument, price, quantity);

    public bool TrySendCancelAll(InstrumentId instrument)
    {
        if (!instrument.IsNone)
        {
            return For(instrument).TrySendCancelAll(instrument);
        }

        var bitfinex = _bitfinex.TrySendCancelAll(instrument);
        return _binance.TrySendCancelAll(instrument) && bitfinex;
    }

    private OrderCommandPublisher For(InstrumentId instrument) => instrument == _binanceInstrument ? _binance : _bitfinex;
}
