using Velox.Trading.Oms;

namespace Velox.Strategies.Execution;

/// <summary>Receiver of execution reports; a generic constraint (<c>where T : struct, IExecutionReportHandler</c>) avoids dispatch.</summary>
public interface IExecutionReportHandler
{
    /// <summary>A venue's report about one of our orders.</summary>
    void OnExecutionReport(in ExecutionReport report);
}
