using Velox.Trading.Oms;

namespace Velox.Host.Trading;

/// <summary>Execution reports seen by the trading loop, by type (market-data thread only).</summary>
public sealed class TradingCounters
{
    private readonly long[] _byType = new long[Enum.GetValues<ExecType>().Length];

    /// <summary>Fills the engine applied (duplicates excluded).</summary>
    public long FillsApplied { get; private set; }

    /// <summary>Reports of <paramref name="type"/>.</summary>
    public long Count(ExecType type) => _byType[(int)type];

    /// <summary>Counts one report.</summary>
    public void OnReport(in ExecutionReport report, ReportOutcome outcome)
    {
        _byType[(int)report.Type]++;
        if (report.Type == ExecType.Fill && outcome == ReportOutcome.Applied)
        {
            FillsApplied++;
        }
    }
}
