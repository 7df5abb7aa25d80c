using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Venues.Bitfinex.Tests.Session;

internal static class SessionTestSupport
{
    public static BitfinexMarketDataSession NewSession() => new(new InstrumentRegistry());

    public static FrameOutcome Feed(this BitfinexMarketDataSession session, string frame) =>
        session.ProcessFrame(Encoding.UTF8.GetBytes(frame), 0);

    public static List<string> Drain(this BitfinexMarketDataSession session)
    {
        var messages = new List<string>();
        while (session.Outbound.TryPeek(out var message))
        {
            messages.Add(Encoding.UTF8.GetString(message));
            session.Outbound.Advance();
        }

        return messages;
    }
}

/// <summary>Records book-state transitions (allocates; tests only).</summary>
internal struct StateRecorder : IMarketDataHandler
{
    public List<(BookSyncState State, ResyncReason Reason)> States;

    public readonly void OnBookUpdate(in BookUpdate update)
    {
    }

    public readonly void OnTrade(in TradeEvent trade)
    {
    }

    public readonly void OnTicker(in TickerEvent ticker)
    {
    }

    public readonly void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason) => States.Add((state, reason));
}
