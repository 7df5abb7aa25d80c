using Velox.Ipc.Subscriptions;

namespace Velox.Host.Topology.Orders;

/// <summary>The engine's reader of the og → engine stream: execution reports to the engine, og's readiness to the publisher.</summary>
public struct OgReportHandler : IFragmentHandler
{
    private readonly EngineTrading _trading;

    public OgReportHandler(EngineTrading trading) => _trading = trading;

    /// <summary>Messages that were neither a report nor a gateway state.</summary>
    public long Malformed { get; private set; }

    public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
    {
        if (ExecutionReportRecord.TryRead(payload, out var report, out _))
        {
            _trading.OnReport(report);
        }
        else if (GatewayStateRecord.TryRead(payload, out var state))
        {
            _trading.Publisher.OgReady = state.Ready;
        }
        else
        {
            Malformed++;
        }
    }
}
