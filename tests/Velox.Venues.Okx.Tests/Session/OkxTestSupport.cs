using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Testing;
using Velox.Venues.Okx.Session;

namespace Velox.Venues.Okx.Tests.Session;

internal static class OkxTestSupport
{
    public static OkxMarketDataSession NewSession() => new(new InstrumentRegistry());

    public static FrameOutcome Feed(this OkxMarketDataSession session, string frame) =>
        session.ProcessFrame(Encoding.UTF8.GetBytes(frame), 0);

    public static List<string> Drain(this OkxMarketDataSession session)
    {
        var messages = new List<string>();
        while (session.Outbound.TryPeek(out var message))
        {
            messages.Add(Encoding.UTF8.GetString(message));
            session.Outbound.Advance();
        }

        return messages;
    }

    /// <summary>Inbound frames of the shared capture, in order.</summary>
    public static List<byte[]> RecordedFrames()
    {
        using var reader = CaptureReader.Open(RequireShared.File("okx/cryptofeed_OKX.ws.1.0"));
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

    public static bool IsBook(byte[] frame, string instId) =>
        Encoding.UTF8.GetString(frame).StartsWith($"{{\"arg\":{{\"channel\":\"books\",\"instId\":\"{instId}\"}}", StringComparison.Ordinal);
}

/// <summary>Records book-state transitions and counts updates (allocates; tests only).</summary>
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
