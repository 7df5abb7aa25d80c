using Velox.Trading.Oms;

namespace Velox.Host.Topology.Orders;

/// <summary>The engine side that applies og's execution reports (the market maker's or the arbitrage's).</summary>
public interface IOgReports
{
    /// <summary>A report from og, under the engine's client order id.</summary>
    void OnReport(in ExecutionReport report);
}
