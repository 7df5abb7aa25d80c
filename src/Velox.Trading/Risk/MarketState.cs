using Velox.Core.Numerics;
using Velox.MarketData.Sync;

namespace Velox.Trading.Risk;

/// <summary>What risk needs to know about the market an order goes into: book trust, freshness and a reference price (e.g. mid).</summary>
public readonly record struct MarketState(BookSyncState BookState, long LastUpdateNanos, Price ReferencePrice);
