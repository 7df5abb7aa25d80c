using Velox.Strategies.Execution;
using Velox.Trading.Oms;

namespace Velox.Host.Trading;

/// <summary>Hands the dry-run venue's synthetic reports to the desk.</summary>
public readonly struct DeskReports<TSink> : IExecutionReportHandler
    where TSink : struct, IOrderSink
{
    private readonly TradingDesk<TSink> _desk;

    public DeskReports(TradingDesk<TSink> desk) => _desk = desk;

    public void OnExecutionReport(in ExecutionReport report) => _desk.OnUnappliedReport(report);
}
