using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Strategies.Execution;
using Velox.Trading.Orders;

namespace Velox.Host.Topology.Orders;

/// <summary>The multi-process topology's <see cref="IOrderSink"/>: commands go to og over IPC (<see cref="OrderCommandPublisher"/>).</summary>
public readonly struct IpcOrderSink : IOrderSink
{
    private readonly OrderCommandPublisher _publisher;

    public IpcOrderSink(OrderCommandPublisher publisher, ExecutionMode mode)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        _publisher = publisher;
        Mode = mode;
    }

    /// <summary>Paper or dry run: og decides what a command becomes (simulator orders, or synthetic reports).</summary>
    public ExecutionMode Mode { get; }

    public bool TrySendNew(long clientOrderId, in OrderRequest order) => _publisher.TrySendNew(clientOrderId, order);

    public bool TrySendCancel(long clientOrderId, InstrumentId instrument) => _publisher.TrySendCancel(clientOrderId, instrument);

    public bool TrySendAmend(long clientOrderId, InstrumentId instrument, Price price, Quantity quantity) =>
        _publisher.TrySendAmend(clientOrderId, instrument, price, quantity);

    public bool TrySendCancelAll(InstrumentId instrument) => _publisher.TrySendCancelAll(instrument);
}
