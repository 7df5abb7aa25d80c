using System.Text;
using Velox.Core;
using Velox.Venues.Binance.Requests;
using Velox.Venues.Binance.Session;
using static Velox.Venues.Binance.Tests.Session.SessionTestSupport;

namespace Velox.Venues.Binance.Tests.Session;

public sealed class NormalizationTests
{
    [Test]
    public void TradeAggTradeAndBookTickerBecomeNormalizedEvents()
    {
        var session = NewSession();
        session.SubscribeDepth();
        var recorder = Recorder.Create();

        session.Feed("{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1723161255343,\"s\":\"BTCUSDT\",\"t\":3735683259,\"p\":\"61837.63000000\",\"q\":\"0.02000000\",\"T\":1723161255342,\"m\":true,\"M\":true}}", ref recorder);
        session.Feed("{\"e\":\"aggTrade\",\"E\":1626992741575,\"a\":16599292,\"s\":\"BTCUSDT\",\"p\":\"1.01100\",\"q\":\"10\",\"f\":23961322,\"l\":23961322,\"T\":1626992741421,\"m\":false}", ref recorder);
        session.Feed("{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":50093239212,\"s\":\"BTCUSDT\",\"b\":\"61837.63000000\",\"B\":\"3.78826000\",\"a\":\"61837.64000000\",\"A\":\"1.54698000\"}}", ref recorder);

        Assert.That(recorder.Trades, Has.Count.EqualTo(2));
        var sell = recorder.Trades[0];
        Assert.That(sell.TradeId, Is.EqualTo(3735683259));
        Assert.That(sell.Price, Is.EqualTo(6183763000000));
        Assert.That(sell.Amount, Is.EqualTo(-2000000), "buyer was maker: the seller was the aggressor");
        Assert.That(sell.AggressorSide, Is.EqualTo(Side.Ask));
        Assert.That(sell.TimestampMs, Is.EqualTo(1723161255342));
        Assert.That(recorder.Trades[1], Has.Property("TradeId").EqualTo(16599292).And.Property("Amount").EqualTo(10_00000000));
        var ticker = recorder.Tickers.Single();
        Assert.That(ticker.Bid, Is.EqualTo(6183763000000));
        Assert.That(ticker.BidSize, Is.EqualTo(378826000));
        Assert.That(ticker.Ask, Is.EqualTo(6183764000000));
        Assert.That(ticker.AskSize, Is.EqualTo(154698000));
        Assert.That(session.Stats.Trades + session.Stats.AggTrades + session.Stats.BookTickers, Is.EqualTo(3));
    }

    [Test]
    public void SnapshotAndDiffLevelsArePublishedBestFirstWithFlags()
    {
        var session = NewSession();
        var symbol = session.SubscribeDepth();
        var recorder = Recorder.Create();
        session.ApplySnapshot(symbol, Encoding.UTF8.GetBytes(SnapshotBody(100)), 1000, 0, ref recorder);

        Assert.That(recorder.Updates.Select(u => (u.Side, u.Price)), Is.EqualTo(new[]
        {
            (Side.Bid, 100_00000000L), (Side.Bid, 99_00000000L), (Side.Ask, 101_00000000L), (Side.Ask, 102_00000000L),
        }));
        Assert.That(recorder.Updates[0].Flags, Is.EqualTo(MarketData.Events.BookUpdateFlags.Snapshot | MarketData.Events.BookUpdateFlags.SnapshotBegin));
        Assert.That(recorder.Updates[3].Flags, Is.EqualTo(MarketData.Events.BookUpdateFlags.Snapshot | MarketData.Events.BookUpdateFlags.SnapshotEnd));

        recorder.Updates.Clear();
        session.Feed(Diff(101, 101, "[[\"99.00000000\",\"0.00000000\"]]"), ref recorder);
        Assert.That(recorder.Updates.Single().Flags, Is.EqualTo(MarketData.Events.BookUpdateFlags.Delete));
    }

    [Test]
    public void SubscribeMessagesAndStreamUrlsAreWhatBinanceExpects()
    {
        var session = NewSession();
        session.Subscribe("BTCUSDT", BinanceStreams.Depth | BinanceStreams.BookTicker);
        var messages = new List<string>();
        while (session.Outbound.TryPeek(out var message))
        {
            messages.Add(Encoding.UTF8.GetString(message));
            session.Outbound.Advance();
        }

        Assert.That(messages, Has.Count.EqualTo(2));
        Assert.That(messages[0], Is.EqualTo("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth@100ms\"],\"id\":1}"));
        Assert.That(messages[1], Is.EqualTo("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@bookTicker\"],\"id\":2}"));
        var url = BinanceRequests.CombinedStreamUrl(BinanceMarket.UsdmFutures, [("BTCUSDT", BinanceStreams.Depth | BinanceStreams.AggTrade)]);
        Assert.That(url.ToString(), Is.EqualTo("wss://fstream.binance.com/stream?streams=btcusdt@depth@100ms/btcusdt@aggTrade"));
        Span<byte> buffer = stackalloc byte[128];
        Assert.That(BinanceRequests.TryWriteUnsubscribe(buffer, "ETHBTC"u8, BinanceStreams.Trade, 7, out var n), Is.True);
        Assert.That(Encoding.UTF8.GetString(buffer[..n]), Is.EqualTo("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"ethbtc@trade\"],\"id\":7}"));
        Assert.That(BinanceRequests.TryWriteSubscribe(buffer[..20], "ETHBTC"u8, BinanceStreams.Trade, 7, out _), Is.False);
    }

    [Test]
    public void RepliesAndUnknownSymbolsAreCountedNotApplied()
    {
        var session = NewSession();
        session.SubscribeDepth();
        Assert.That(session.Feed("{\"result\":null,\"id\":1}"), Is.EqualTo(FrameOutcome.Reply));
        Assert.That(session.Feed(Diff(1, 2, symbol: "ETHUSDT")), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.Stats.ErrorsFor(MarketData.Feeds.FeedError.UnknownSymbol), Is.EqualTo(1));
        Assert.That(session.Feed("{\"code\":2,\"msg\":\"Invalid request\",\"id\":3}"), Is.EqualTo(FrameOutcome.Error));
        Assert.That(session.LastError, Is.EqualTo(MarketData.Feeds.FeedError.VenueError));
    }
}
