using Velox.Trading.Oms;

namespace Velox.Host.Trading;

/// <summary>Execution reports the engine applied, by type (market-data thread only).</summary>
public sealed class TradingCounters
{
    private readonly long[] _byType = new long[Enum.GetValues<ExecType>().Length];
    private readonly OrderManager _orders;
    private readonly long[] _ackedId;

    /// <param name="orders">The OMS whose orders are counted (an order is acknowledged once, however many acks repeat it).</param>
    public TradingCounters(OrderManager orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        _orders = orders;
        _ackedId = new long[orders.Capacity];
    }

    /// <summary>Reports that were not applied (stale repeats such as the order stream's ack after the notification's, duplicates, illegal).</summary>
    public long NotApplied { get; private set; }

    /// <summary>Reports of <paramref name="type"/> the engine applied (acks: orders acknowledged).</summary>
    public long Count(ExecType type) => _byType[(int)type];

    /// <summary>Counts one report.</summary>
    public void OnReport(in ExecutionReport report, ReportOutcome outcome)
    {
        if (outcome != ReportOutcome.Applied)
        {
            NotApplied++;
            return;
        }

        if (report.Type == ExecType.Ack)
        {
            // Bitfinex acknowledges twice (the on-req notification and the order stream's on), and both apply
            // while a cancel is pending: count each order once.
            if (!_orders.TryFind(report.ClientOrderId, out var slot) || _ackedId[slot] == report.ClientOrderId)
            {
                return;
            }

            _ackedId[slot] = report.ClientOrderId;
        }

        _byType[(int)report.Type]++;
    }
}
