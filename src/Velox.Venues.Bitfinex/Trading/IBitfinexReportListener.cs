using Velox.Trading.Oms;

namespace Velox.Venues.Bitfinex.Trading;

/// <summary>
/// Sees every report the gateway applied to the engine, with the engine's outcome (e.g. a strategy that must
/// follow its orders). Called on the connector's thread right after <c>TradingEngine.OnReport</c>.
/// </summary>
public interface IBitfinexReportListener
{
    void OnReport(in ExecutionReport report, ReportOutcome outcome);
}
