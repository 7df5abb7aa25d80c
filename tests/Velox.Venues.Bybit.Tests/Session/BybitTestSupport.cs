using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Testing;
using Velox.Venues.Bybit.Session;

namespace Velox.Venues.Bybit.Tests.Session;

internal static class BybitTestSupport
{
    public const string Capture = "bybit/cryptofeed_v3_BYBIT.jsonl";

    public const string BookTopic = "orderbook.50.BTCUSDT";

    public static BybitMarketDataSession NewSession(BybitCategory category = BybitCategory.Linear) => new(new InstrumentRegistry(), category);

    /// <summary>A linear session subscribed to the 50-level BTCUSDT book, trades and ticker, outbound drained.</summary>
    public static BybitMarketDataSession Subscribed()
    {
        var session = NewSession();
        session.Subscribe(BookTopic);
        session.Subscribe("publicTrade.BTCUSDT");
        session.Subscribe("tickers.BTCUSDT");
        session.Drain();
        return session;
    }

    public static string Snapshot(long u, string bids = "[\"100\",\"1\"]", string asks = "[\"101\",\"2\"]") =>
        $"{{\"topic\":\"{BookTopic}\",\"type\":\"snapshot\",\"ts\":1,\"data\":{{\"s\":\"BTCUSDT\",\"b\":[{bids}],\"a\":[{asks}],\"u\":{u},\"seq\":{u + 1000}}},\"cts\":1}}";

    public static string Delta(long u, string bids = "", string asks = "") =>
        $"{{\"topic\":\"{BookTopic}\",\"type\":\"delta\",\"ts\":1,\"data\":{{\"s\":\"BTCUSDT\",\"b\":[{bids}],\"a\":[{asks}],\"u\":{u},\"seq\":{u + 1000}}},\"cts\":1}}";

    public static FrameOutcome Feed(this BybitMarketDataSession session, string frame) =>
        session.ProcessFrame(Encoding.UTF8.GetBytes(frame), 0);

    public static FrameOutcome Feed(this BybitMarketDataSession session, string frame, ref Recorder recorder) =>
        session.ProcessFrame(Encoding.UTF8.GetBytes(frame), 0, ref recorder);

    public static List<string> Drain(this BybitMarketDataSession session)
    {
        var messages = new List<string>();
        while (session.Outbound.TryPeek(out var message))
        {
            messages.Add(Encoding.UTF8.GetString(message));
            session.Outbound.Advance();
        }

        return messages;
    }

    /// <summary>The records of one recorded connection (0 = linear, 1 = spot).</summary>
    public static List<(CaptureDirection Direction, byte[] Frame)> RecordedConnection(int ordinal)
    {
        using var reader = CaptureReader.Open(RequireShared.File(Capture));
        var records = new List<(CaptureDirection, byte[])>();
        var connections = new List<int>();
        while (reader.TryRead(out var record))
        {
            if (record.Direction is CaptureDirection.Rest or CaptureDirection.Meta)
            {
                continue;
            }

            if (!connections.Contains(record.Connection))
            {
                connections.Add(record.Connection);
            }

            if (connections.IndexOf(record.Connection) == ordinal)
            {
                records.Add((record.Direction, record.Frame.ToArray()));
            }
        }

        return records;
    }

    /// <summary>Makes <paramref name="session"/> adopt the recorded subscriptions of a connection; returns its inbound frames.</summary>
    public static List<byte[]> AdoptRecorded(BybitMarketDataSession session, int ordinal)
    {
        var frames = new List<byte[]>();
        foreach (var (direction, frame) in RecordedConnection(ordinal))
        {
            if (direction == CaptureDirection.Outbound)
            {
                session.Adopt(frame);
            }
            else if (direction == CaptureDirection.Inbound)
            {
                frames.Add(frame);
            }
        }

        return frames;
    }

    public static bool IsTopic(byte[] frame, string topic) =>
        Encoding.UTF8.GetString(frame).Contains($"\"topic\":\"{topic}\"", StringComparison.Ordinal);
}

/// <summary>Records book-state transitions and events (allocates; tests only).</summary>
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
