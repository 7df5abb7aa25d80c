using Velox.Ipc.Subscriptions;

namespace Velox.Host.Topology.Orders;

/// <summary>The engine's reader of the og → engine stream: execution reports to the engine, og's readiness to the publisher.</summary>
public struct OgReportHandler : IFragmentHandler
{
    private readonly IOgReports _engine;
    private readonly OrderCommandPublisher _publisher;

    public OgReportHandler(EngineTrading trading)
        : this(trading, trading.Publisher)
    {
    }

    /// <summary>Reports to <paramref name="engine"/>; og's readiness to <paramref name="publisher"/> (the stream to that og).</summary>
    public OgReportHandler(IOgReports engine, OrderCommandPublisher publisher)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(publisher);
        _engine = engine;
        _publisher = publisher;
    }

    /// <summary>Messages that were neither a report nor a gateway state.</summary>
    public long Malformed { get; private set; }

    public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
    {
        if (ExecutionReportRecord.TryRead(payload, out var report, out _))
        {
            _engine.OnReport(report);
        }
        else if (GatewayStateRecord.TryRead(payload, out var state))
        {
            _publisher.OgReady = state.Ready;
        }
        else
        {
            Malformed++;
        }
    }
}
