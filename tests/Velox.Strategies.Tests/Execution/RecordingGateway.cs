using Velox.Core.Instruments;
using Velox.Strategies.Execution;
using Velox.Trading.Orders;

namespace Velox.Strategies.Tests.Execution;

/// <summary>An order gateway that keeps what it was asked to send (the venue side is not part of these tests).</summary>
internal sealed class RecordingGateway(bool isLoopback = true, bool hasCredentials = false) : IOrderGateway
{
    public bool IsLoopback { get; } = isLoopback;

    public bool HasCredentials { get; } = hasCredentials;

    /// <summary>False makes every send fail, as on a disconnected gateway.</summary>
    public bool Connected { get; set; } = true;

    public List<(SinkCommandKind Kind, long ClientOrderId, InstrumentId Instrument, OrderRequest Order)> Sent { get; } = [];

    public bool TrySendNew(long clientOrderId, in OrderRequest order)
    {
        if (Connected)
        {
            Sent.Add((SinkCommandKind.New, clientOrderId, order.Instrument, order));
        }

        return Connected;
    }

    public bool TrySendCancel(long clientOrderId, InstrumentId instrument)
    {
        if (Connected)
        {
            Sent.Add((SinkCommandKind.Cancel, clientOrderId, instrument, default));
        }

        return Connected;
    }

    public bool TrySendCancelAll(InstrumentId instrument)
    {
        if (Connected)
        {
            Sent.Add((SinkCommandKind.CancelAll, 0, instrument, default));
        }

        return Connected;
    }
}
