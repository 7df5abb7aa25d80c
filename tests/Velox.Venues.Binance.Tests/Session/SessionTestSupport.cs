using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Binance.Requests;
using Velox.Venues.Binance.Session;

namespace Velox.Venues.Binance.Tests.Session;

internal static class SessionTestSupport
{
    public static BinanceMarketDataSession NewSession(BinanceMarket market = BinanceMarket.Spot, bool keep = false) =>
        new(new InstrumentRegistry(), new BinanceSessionOptions { Market = market, KeepLevelsBeyondSnapshot = keep });

    public static FrameOutcome Feed(this BinanceMarketDataSession session, string frame) =>
        session.ProcessFrame(Encoding.UTF8.GetBytes(frame), 0);

    public static FrameOutcome Feed(this BinanceMarketDataSession session, string frame, ref Recorder recorder) =>
        session.ProcessFrame(Encoding.UTF8.GetBytes(frame), 0, ref recorder);

    public static FrameOutcome Snapshot(this BinanceMarketDataSession session, BinanceSymbol symbol, string body, int depth = 1000) =>
        session.ApplySnapshot(symbol, Encoding.UTF8.GetBytes(body), depth, 0);

    public static string Diff(long first, long last, string bids = "[[\"100.00\",\"1.0\"]]", string asks = "[]", long? previous = null, string symbol = "BTCUSDT") =>
        $"{{\"stream\":\"{symbol.ToLowerInvariant()}@depth@100ms\",\"data\":{{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"{symbol}\",\"U\":{first},\"u\":{last}"
        + (previous is null ? string.Empty : $",\"pu\":{previous}") + $",\"b\":{bids},\"a\":{asks}}}}}";

    public static string SnapshotBody(long id, string bids = "[[\"100.00\",\"2\"],[\"99.00\",\"3\"]]", string asks = "[[\"101.00\",\"4\"],[\"102.00\",\"5\"]]") =>
        $"{{\"lastUpdateId\":{id},\"bids\":{bids},\"asks\":{asks}}}";

    public static BinanceSymbol SubscribeDepth(this BinanceMarketDataSession session, string symbol = "BTCUSDT") =>
        session.Subscribe(symbol, BinanceStreams.Depth | BinanceStreams.Trade | BinanceStreams.AggTrade | BinanceStreams.BookTicker);
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
