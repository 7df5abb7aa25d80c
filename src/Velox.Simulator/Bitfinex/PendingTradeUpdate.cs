using Velox.Simulator.Market;

namespace Velox.Simulator.Bitfinex;

/// <summary>A "tu" waiting for its delay after the "te".</summary>
internal readonly record struct PendingTradeUpdate(long DueNanos, int Instrument, TradeRecord Trade);
