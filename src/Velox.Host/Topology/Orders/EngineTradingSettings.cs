using Velox.Strategies.Execution;

namespace Velox.Host.Topology.Orders;

/// <summary>`velox engine --strategy mm|arb`'s settings (the Binance streams: the arbitrage's second og).</summary>
public sealed record EngineTradingSettings(
    ExecutionMode Mode, string JournalPath, int OrderStream, int ReportStream, int TradingStream, bool Arbitrage = false,
    int BinanceOrderStream = TopologyStreams.BinanceOrders, int BinanceReportStream = TopologyStreams.BinanceReports);
