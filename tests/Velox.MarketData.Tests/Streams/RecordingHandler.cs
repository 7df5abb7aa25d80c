using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;

namespace Velox.MarketData.Tests.Streams;

/// <summary>Keeps the last event of each kind and counts all of them.</summary>
internal struct RecordingHandler : IMarketDataHandler
{
    public BookUpdate LastUpdate;
    public TradeEvent LastTrade;
    public TickerEvent LastTicker;
    public InstrumentId LastStateInstrument;
    public BookSyncState LastState;
    public ResyncReason LastReason;
    public int Events;

    public void OnBookUpdate(in BookUpdate update)
    {
        LastUpdate = update;
        Events++;
    }

    public void OnTrade(in TradeEvent trade)
    {
        LastTrade = trade;
        Events++;
    }

    public void OnTicker(in TickerEvent ticker)
    {
        LastTicker = ticker;
        Events++;
    }

    public void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason)
    {
        LastStateInstrument = instrument;
        LastState = state;
        LastReason = reason;
        Events++;
    }
}
