using System.Text;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Testing;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Parsing;
using Velox.Venues.Bitfinex.Session;
using Velox.Venues.Bitfinex.Tests.Session;

namespace Velox.Venues.Bitfinex.Tests.Parsing;

public sealed class FixtureTests
{
    private static string Fixture(string name) =>
        File.ReadAllText(RequireShared.File("bitfinex/bitfinex-api-node_fixtures/" + name));

    private static BitfinexMarketDataSession SubscribedTo(long chanId, string channel, string symbol, string precision = "P0", int length = 100)
    {
        var session = SessionTestSupport.NewSession();
        var book = channel == "book" ? $",\"prec\":\"{precision}\",\"freq\":\"F0\",\"len\":\"{length}\"" : string.Empty;
        session.Feed($"{{\"event\":\"subscribed\",\"channel\":\"{channel}\",\"chanId\":{chanId},\"symbol\":\"{symbol}\"{book}}}");
        return session;
    }

    [TestCase("response-ws2-server-order-book-P0.json", 300, "P0")]
    [TestCase("response-ws2-server-order-book-P1.json", 31, "P1")]
    public void AggregatedBookFixturesParse(string file, long chanId, string precision)
    {
        var session = SubscribedTo(chanId, "book", "tETHUSD", precision);
        Assert.That(session.Feed(Fixture(file)), Is.EqualTo(FrameOutcome.BookSnapshot));
        var subscription = session.Find("tETHUSD", BitfinexChannelType.Book)!;
        Assert.That(subscription.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(subscription.Book!.Bids.Count, Is.GreaterThan(10));
        Assert.That(session.Stats.Errors, Is.Zero);
    }

    [Test]
    public void P0FixtureTopOfBook()
    {
        var session = SubscribedTo(300, "book", "tETHUSD");
        session.Feed(Fixture("response-ws2-server-order-book-P0.json"));
        var book = session.Find("tETHUSD", BitfinexChannelType.Book)!.Book!;
        Assert.That(book.Bids.Best, Is.EqualTo(new MarketData.BookLevel(1921_80000_00000, 17974513, 1)));
    }

    [Test]
    public void RawBookFixtureParsesAndAggregates()
    {
        var session = SubscribedTo(999, "book", "tETHUSD", "R0", 100);
        Assert.That(session.Feed(Fixture("response-ws2-server-order-book-R0.json")), Is.EqualTo(FrameOutcome.BookSnapshot));
        var subscription = session.Find("tETHUSD", BitfinexChannelType.RawBook)!;
        Assert.That(session.Stats.Errors, Is.Zero);
        Assert.That(subscription.RawBook!.OrderCount, Is.GreaterThan(20));

        // 1876.1 holds two orders: 0.99670598 + 1.
        Assert.That(subscription.Book!.Bids.TryGet(1876_10000_00000, out var level), Is.True);
        Assert.That((level.Size, level.Count), Is.EqualTo((199670598L, 2)));

        Assert.That(session.Feed("[999,[2567590859,0,1]]"), Is.EqualTo(FrameOutcome.BookUpdate));
        subscription.Book.Bids.TryGet(1876_10000_00000, out level);
        Assert.That((level.Size, level.Count), Is.EqualTo((1_0000_0000L, 1)));
    }

    [Test]
    public void WsV1PrettyPrintedRawBookParses()
    {
        var session = SubscribedTo(13242, "book", "tETHUSD", "R0", 100);
        Assert.That(session.Feed(Fixture("response-ws-1-orderbook-R0.json")), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(session.Stats.Errors, Is.Zero);
    }

    [Test]
    public void TradesAndTickerFixturesParse()
    {
        var trades = SubscribedTo(31, "trades", "tETHUSD");
        var recorder = new TradeRecorder { Trades = [] };
        Assert.That(trades.ProcessFrame(Encoding.UTF8.GetBytes(Fixture("response-ws2-server-trades.json")), 0, ref recorder), Is.EqualTo(FrameOutcome.Trades));
        Assert.That(recorder.Trades[0].TradeId, Is.EqualTo(32288059));
        Assert.That(recorder.Trades[0].Amount, Is.EqualTo(-42864));
        Assert.That(recorder.Trades[0].AggressorSide, Is.EqualTo(Side.Ask));
        Assert.That(recorder.Trades[0].Price, Is.EqualTo(1773_90000_00000));

        var funding = SubscribedTo(22, "ticker", "fUSD");
        Assert.That(funding.Feed(Fixture("response-ws2-server-ticker-funding.json")), Is.EqualTo(FrameOutcome.Ticker));
        Assert.That(funding.Stats.Errors, Is.Zero);

        var ticker = SubscribedTo(5, "ticker", "tETHUSD");
        Assert.That(ticker.Feed("[5," + Fixture("response-ticker-pairs.json").Trim() + "]"), Is.EqualTo(FrameOutcome.Ticker));
        var fundingTrades = SubscribedTo(6, "trades", "fUSD");
        Assert.That(fundingTrades.Feed("[6," + Fixture("response-trades-funding.json").Trim() + "]"), Is.EqualTo(FrameOutcome.Trades));
        Assert.That(fundingTrades.Stats.Errors + ticker.Stats.Errors, Is.Zero);
    }

    [TestCase("bitfinex/cryptofeed_BITFINEX.ws.11.0")]
    [TestCase("bitfinex/marfusios_bitfinex_raw_2018-11-12.txt.gz")]
    [TestCase("bitfinex/derived/bfx-api-go_checksum_vector_tXRPBTC.jsonl")]
    public void DefaultScalesHoldEveryBookAndTradeNumber(string file)
    {
        // Every book level and trade in the shared captures fits price scale 10 / size scale 8 exactly.
        var report = Velox.Venues.Bitfinex.Replay.BitfinexReplayCheck.Run(RequireShared.File(file), new InstrumentRegistry());
        Assert.That(report.Stats.ErrorsFor(FrameError.TooManyDecimals), Is.Zero);
        Assert.That(report.Stats.ErrorsFor(FrameError.NumberOverflow), Is.Zero);
        Assert.That(report.Stats.ErrorsFor(FrameError.InvalidNumber), Is.Zero);
    }

    [Test]
    public void CaptureReaderSplitsMarfusiosDump()
    {
        using var reader = CaptureReader.Open(RequireShared.File("bitfinex/marfusios_bitfinex_raw_2018-11-12.txt.gz"));
        Assert.That(reader.Format, Is.EqualTo(CaptureFormat.DoubleSemicolon));
        Assert.That(reader.TryRead(out var first), Is.True);
        Assert.That(Encoding.UTF8.GetString(first.Frame.Span), Does.StartWith("{\"event\":\"info\",\"version\":2"));
    }

    [Test]
    public void TimestampFlagFollowsTheSequence()
    {
        Assert.That(BitfinexFrameParser.TryParseChannelFrame("[17,[100,1,2],41,1581721279360]"u8, out var frame, out _), Is.True);
        const BitfinexConfFlags Both = BitfinexConfFlags.SeqAll | BitfinexConfFlags.Timestamp;
        Assert.That(frame.TryGetSequence(Both, out var seq), Is.True);
        Assert.That(frame.TryGetTimestamp(Both, out var ts), Is.True);
        Assert.That((seq, ts), Is.EqualTo((41L, 1581721279360L)));

        Assert.That(BitfinexFrameParser.TryParseChannelFrame("[198,[10335,2,1.25],1581721279360]"u8, out frame, out _), Is.True);
        Assert.That(frame.TryGetTimestamp(BitfinexConfFlags.Timestamp, out ts), Is.True);
        Assert.That(ts, Is.EqualTo(1581721279360L));
        Assert.That(frame.TryGetSequence(BitfinexConfFlags.Timestamp, out _), Is.False);
    }

    private struct TradeRecorder : IMarketDataHandler
    {
        public List<TradeEvent> Trades;

        public readonly void OnBookUpdate(in BookUpdate update)
        {
        }

        public readonly void OnTrade(in TradeEvent trade) => Trades.Add(trade);

        public readonly void OnTicker(in TickerEvent ticker)
        {
        }

        public readonly void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason)
        {
        }
    }
}
