using Velox.Strategies.Execution;

namespace Velox.Host.Topology.Orders;

/// <summary>`velox engine --strategy mm`'s settings.</summary>
public sealed record EngineTradingSettings(ExecutionMode Mode, string JournalPath, int OrderStream, int ReportStream, int TradingStream);
