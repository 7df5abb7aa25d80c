using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Trading.Orders;

namespace Velox.Strategies.Execution;

/// <summary>
/// The paper/live sink: forwards commands to a venue order gateway. Construction validates the mode
/// (<see cref="ExecutionModeCheck"/>), so a sink that exists is allowed to send.
/// </summary>
public readonly struct GatewaySink<TGateway> : IOrderSink
    where TGateway : class, IOrderGateway
{
    private readonly TGateway _gateway;

    /// <summary>Wraps <paramref name="gateway"/> for <paramref name="mode"/> (Paper or Live); throws with the reason when the mode is not allowed.</summary>
    public GatewaySink(TGateway gateway, ExecutionMode mode, bool liveConfirmed = false)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        if (mode == ExecutionMode.DryRun)
        {
            throw new ArgumentException("a gateway sink sends orders; use DryRunSink for dry runs", nameof(mode));
        }

        if (!ExecutionModeCheck.TryValidate(mode, gateway.IsLoopback, gateway.HasCredentials, liveConfirmed, out var error))
        {
            throw new InvalidOperationException(error);
        }

        _gateway = gateway;
        Mode = mode;
    }

    public ExecutionMode Mode { get; }

    public bool TrySendNew(long clientOrderId, in OrderRequest order) => _gateway.TrySendNew(clientOrderId, order);

    public bool TrySendCancel(long clientOrderId, InstrumentId instrument) => _gateway.TrySendCancel(clientOrderId, instrument);

    public bool TrySendAmend(long clientOrderId, InstrumentId instrument, Price price, Quantity quantity) => _gateway.TrySendAmend(clientOrderId, instrument);

    public bool TrySendCancelAll(InstrumentId instrument) => _gateway.TrySendCancelAll(instrument);
}
