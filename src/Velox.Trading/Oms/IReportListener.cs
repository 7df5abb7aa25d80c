namespace Velox.Trading.Oms;

/// <summary>
/// Hears every execution report an order gateway fed to the engine, with the engine's outcome (e.g. a strategy
/// host that tells its strategy). Called on the gateway's thread after the engine applied the report.
/// </summary>
public interface IReportListener
{
    void OnReport(in ExecutionReport report, ReportOutcome outcome);
}
