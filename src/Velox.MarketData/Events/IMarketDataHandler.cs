using Velox.Core.Instruments;
using Velox.MarketData.Sync;

namespace Velox.MarketData.Events;

/// <summary>
/// Receiver of normalized market data. Use it as a generic constraint
/// (<c>where THandler : struct, IMarketDataHandler</c>) so calls are inlined rather than dispatched.
/// </summary>
public interface IMarketDataHandler
{
    /// <summary>A level change that has been applied to the local book.</summary>
    void OnBookUpdate(in BookUpdate update);

    /// <summary>A public trade.</summary>
    void OnTrade(in TradeEvent trade);

    /// <summary>A ticker.</summary>
    void OnTicker(in TickerEvent ticker);

    /// <summary>A book changed sync state (e.g. InSync after a snapshot, Resyncing after a gap).</summary>
    void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason);
}
