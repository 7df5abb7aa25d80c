using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Coinbase.Requests;
using Velox.Venues.Coinbase.Session;

namespace Velox.Venues.Coinbase.Tests.Session;

internal static class SessionTestSupport
{
    public const string Snapshot =
        "{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"bids\":[[\"100.00\",\"1.5\"],[\"99.50\",\"2\"],[\"99.00\",\"3\"]],\"asks\":[[\"100.50\",\"1\"],[\"101.00\",\"4\"]]}";

    public static CoinbaseMarketDataSession NewSession()
    {
        var session = new CoinbaseMarketDataSession(new InstrumentRegistry());
        session.Subscribe("BTC-USD", CoinbaseChannels.Level2 | CoinbaseChannels.Ticker | CoinbaseChannels.Matches);
        session.Outbound.Clear();
        return session;
    }

    public static FrameOutcome Feed(this CoinbaseMarketDataSession session, string frame) =>
        session.ProcessFrame(Encoding.UTF8.GetBytes(frame), 0);

    public static FrameOutcome Feed(this CoinbaseMarketDataSession session, string frame, ref RecordingHandler handler) =>
        session.ProcessFrame(Encoding.UTF8.GetBytes(frame), 0, ref handler);

    public static string L2(string side, string price, string size) =>
        $"{{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"changes\":[[\"{side}\",\"{price}\",\"{size}\"]],\"time\":\"2021-04-17T16:43:37.075687Z\"}}";

    public static string Match(long tradeId, long sequence, string side = "sell", string price = "100.25", string size = "0.5") =>
        $"{{\"type\":\"match\",\"trade_id\":{tradeId},\"maker_order_id\":\"a\",\"taker_order_id\":\"b\",\"side\":\"{side}\",\"size\":\"{size}\",\"price\":\"{price}\",\"product_id\":\"BTC-USD\",\"sequence\":{sequence},\"time\":\"2021-04-17T16:43:37.089723Z\"}}";

    public static List<string> DrainOutbound(this CoinbaseMarketDataSession session)
    {
        var messages = new List<string>();
        while (session.Outbound.TryPeek(out var message))
        {
            messages.Add(Encoding.UTF8.GetString(message));
            session.Outbound.Advance();
        }

        return messages;
    }

    internal struct RecordingHandler : IMarketDataHandler
    {
        public List<BookUpdate> Updates;
        public List<TradeEvent> Trades;
        public List<TickerEvent> Tickers;
        public List<(BookSyncState State, ResyncReason Reason)> States;

        public static RecordingHandler Create() => new() { Updates = [], Trades = [], Tickers = [], States = [] };

        public readonly void OnBookUpdate(in BookUpdate update) => Updates.Add(update);

        public readonly void OnTrade(in TradeEvent trade) => Trades.Add(trade);

        public readonly void OnTicker(in TickerEvent ticker) => Tickers.Add(ticker);

        public readonly void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason) => States.Add((state, reason));
    }
}
