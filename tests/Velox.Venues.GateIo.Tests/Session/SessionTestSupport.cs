using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.GateIo.Session;

namespace Velox.Venues.GateIo.Tests.Session;

internal static class SessionTestSupport
{
    public static GateIoMarketDataSession NewSession() => new(new InstrumentRegistry());

    public static FrameOutcome Feed(this GateIoMarketDataSession session, string frame) =>
        session.ProcessFrame(Encoding.UTF8.GetBytes(frame), 0);

    public static FrameOutcome Feed(this GateIoMarketDataSession session, string frame, ref Recorder recorder) =>
        session.ProcessFrame(Encoding.UTF8.GetBytes(frame), 0, ref recorder);

    public static FrameOutcome Snapshot(this GateIoMarketDataSession session, GateIoPair pair, string body, int depth = 100) =>
        session.ApplySnapshot(pair, Encoding.UTF8.GetBytes(body), depth, 0);

    public static string Diff(long first, long last, string bids = "[[\"100.0\",\"1.0\"]]", string asks = "[]", string pair = "BTC_USDT") =>
        $"{{\"time\":1619093532,\"channel\":\"spot.order_book_update\",\"event\":\"update\",\"result\":{{\"t\":1619093532978,\"e\":\"depthUpdate\",\"E\":1619093532,\"s\":\"{pair}\",\"U\":{first},\"u\":{last},\"b\":{bids},\"a\":{asks}}}}}";

    public static string SnapshotBody(long id) =>
        $"{{\"id\":{id},\"current\":1619093533764,\"update\":1619093533700,\"asks\":[[\"101.0\",\"4\"],[\"102.0\",\"5\"]],\"bids\":[[\"100.0\",\"2\"],[\"99.0\",\"3\"]]}}";
}

/// <summary>Records normalized events (allocates; tests only).</summary>
internal struct Recorder : IMarketDataHandler
{
    public List<BookUpdate> Updates;
    public List<TradeEvent> Trades;
    public List<TickerEvent> Tickers;
    public List<(BookSyncState State, ResyncReason Reason)> States;

    public static Recorder Create() => new() { Updates = [], Trades = [], Tickers = [], States = [] };

    public readonly void OnBookUpdate(in BookUpdate update) => Updates.Add(update);

    public readonly void OnTrade(in TradeEvent trade) => Trades.Add(trade);

    public readonly void OnTicker(in TickerEvent ticker) => Tickers.Add(ticker);

    public readonly void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason) => States.Add((state, reason));
}
