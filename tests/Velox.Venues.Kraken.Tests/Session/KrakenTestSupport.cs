using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Testing;
using Velox.Venues.Kraken.Session;

namespace Velox.Venues.Kraken.Tests.Session;

internal static class KrakenTestSupport
{
    public static KrakenMarketDataSession NewSession() => new(new InstrumentRegistry());

    public static FrameOutcome Feed(this KrakenMarketDataSession session, string frame) =>
        session.ProcessFrame(Encoding.UTF8.GetBytes(frame), 0);

    public static List<string> Drain(this KrakenMarketDataSession session)
    {
        var messages = new List<string>();
        while (session.Outbound.TryPeek(out var message))
        {
            messages.Add(Encoding.UTF8.GetString(message));
            session.Outbound.Advance();
        }

        return messages;
    }

    /// <summary>Inbound frames of a shared capture, in order.</summary>
    public static List<byte[]> RecordedFrames(string file)
    {
        using var reader = CaptureReader.Open(RequireShared.File(file));
        var frames = new List<byte[]>();
        while (reader.TryRead(out var record))
        {
            if (record.Direction == CaptureDirection.Inbound)
            {
                frames.Add(record.Frame.ToArray());
            }
        }

        return frames;
    }
}

/// <summary>Records events (allocates; tests only).</summary>
internal struct Recorder : IMarketDataHandler
{
    public List<(BookSyncState State, ResyncReason Reason)> States;
    public List<BookUpdate> Updates;
    public List<TradeEvent> Trades;
    public List<TickerEvent> Tickers;

    public static Recorder Create() => new() { States = [], Updates = [], Trades = [], Tickers = [] };

    public readonly void OnBookUpdate(in BookUpdate update) => Updates.Add(update);

    public readonly void OnTrade(in TradeEvent trade) => Trades.Add(trade);

    public readonly void OnTicker(in TickerEvent ticker) => Tickers.Add(ticker);

    public readonly void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason) => States.Add((state, reason));
}
