using Velox.Trading.Oms;

namespace Velox.Venues.Binance.Trading;

/// <summary>Hears every report the <see cref="BinanceOrderGateway"/> fed to the engine, with the engine's outcome (e.g. a strategy host).</summary>
public interface IBinanceReportListener
{
    void OnReport(in ExecutionReport report, ReportOutcome outcome);
}
