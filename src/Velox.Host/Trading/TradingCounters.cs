using Velox.Trading.Oms;

namespace Velox.Host.Trading;

/// <summary>Execution reports the engine applied, by type (market-data thread only).</summary>
public sealed class TradingCounters
{
    private readonly long[] _byType = new long[Enum.GetValues<ExecType>().Length];

    /// <summary>Reports that were not applied (stale repeats such as the order stream's ack after the notification's, duplicates, illegal).</summary>
    public long NotApplied { get; private set; }

    /// <summary>Reports of <paramref name="type"/> the engine applied.</summary>
    public long Count(ExecType type) => _byType[(int)type];

    /// <summary>Counts one report.</summary>
    public void OnReport(in ExecutionReport report, ReportOutcome outcome)
    {
        if (outcome != ReportOutcome.Applied)
        {
            NotApplied++;
            return;
        }

        _byType[(int)report.Type]++;
    }
}
