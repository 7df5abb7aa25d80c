using Velox.Core;
using Velox.Venues.Bybit.Session;
using static Velox.Venues.Bybit.Tests.Session.BybitTestSupport;

namespace Velox.Venues.Bybit.Tests.Session;

public sealed class ChannelTests
{
    [Test]
    public void LinearTradeWithUuidIdAndSpotTradeWithNumericId()
    {
        var session = Subscribed();
        var recorder = Recorder.Create();

        Assert.That(session.Feed("{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1786310819681,\"data\":[{\"T\":1786310819680,\"s\":\"BTCUSDT\",\"S\":\"Sell\",\"v\":\"0.004\",\"p\":\"65114.20\",\"L\":\"MinusTick\",\"i\":\"a9188a0a-82bc-50de-be60-03eedbe3cdd7\",\"BT\":false,\"RPI\":false,\"seq\":753843954913},"
            + "{\"i\":\"2280000001739247417\",\"T\":1786310821917,\"p\":\"1923.28\",\"v\":\"0.04537\",\"S\":\"Buy\",\"seq\":178477362706,\"s\":\"BTCUSDT\",\"BT\":false,\"RPI\":false}]}", ref recorder),
            Is.EqualTo(FrameOutcome.Trades));

        Assert.That(recorder.Trades, Has.Count.EqualTo(2));
        var sell = recorder.Trades[0];
        Assert.That(sell.TradeId, Is.EqualTo(0x29188a0a82bc50de), "first 64 bits of the UUID, sign bit cleared");
        Assert.That(sell.TimestampMs, Is.EqualTo(1786310819680));
        Assert.That(sell.Price, Is.EqualTo(651_142_000_000_000));
        Assert.That(sell.Amount, Is.EqualTo(-400_000));
        Assert.That(sell.AggressorSide, Is.EqualTo(Side.Ask));
        Assert.That(recorder.Trades[1].TradeId, Is.EqualTo(2280000001739247417));
        Assert.That(recorder.Trades[1].Amount, Is.EqualTo(4_537_000));
        Assert.That(session.Stats.TradeMessages, Is.EqualTo(1));
        Assert.That(session.Stats.Trades, Is.EqualTo(2));
    }

    [Test]
    public void TickerDeltaCarriesOnlyChangedFieldsAndIsMergedIntoTheSnapshot()
    {
        var session = Subscribed();
        var recorder = Recorder.Create();
        session.Feed("{\"topic\":\"tickers.BTCUSDT\",\"type\":\"snapshot\",\"data\":{\"symbol\":\"BTCUSDT\",\"price24hPcnt\":\"0.001624\",\"lastPrice\":\"65114.30\",\"prevPrice24h\":\"65008.70\",\"highPrice24h\":\"65282.30\",\"lowPrice24h\":\"64694.40\",\"volume24h\":\"17573.9120\",\"bid1Price\":\"65114.20\",\"bid1Size\":\"5.954\",\"ask1Price\":\"65114.30\",\"ask1Size\":\"10.470\",\"preOpenPrice\":\"\"},\"cs\":753843907000,\"ts\":1}", ref recorder);

        Assert.That(session.Feed("{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"symbol\":\"BTCUSDT\",\"bid1Price\":\"65114.20\",\"bid1Size\":\"6.054\",\"ask1Price\":\"65114.30\",\"ask1Size\":\"10.486\"},\"cs\":753843907770,\"ts\":1786310817883}", ref recorder),
            Is.EqualTo(FrameOutcome.Ticker));

        var ticker = recorder.Tickers[1];
        Assert.That(ticker.BidSize, Is.EqualTo(605_400_000));
        Assert.That(ticker.AskSize, Is.EqualTo(1_048_600_000));
        Assert.That(ticker.Last, Is.EqualTo(651_143_000_000_000), "kept from the snapshot");
        Assert.That(ticker.High, Is.EqualTo(652_823_000_000_000));
        Assert.That(ticker.Low, Is.EqualTo(646_944_000_000_000));
        Assert.That(ticker.Volume, Is.EqualTo(1_757_391_200_000));
        Assert.That(ticker.DailyChange, Is.EqualTo(1_056_000_000_000), "65114.30 − 65008.70");
        Assert.That(ticker.DailyChangeRelative, Is.EqualTo(162_400));
        Assert.That(session.Find("tickers.BTCUSDT")!.LastCrossSequence, Is.EqualTo(753843907770));
        Assert.That(session.Stats.TickerSnapshots, Is.EqualTo(1));
        Assert.That(session.Stats.TickerDeltas, Is.EqualTo(1));
    }

    [Test]
    public void RejectedTickerDeltaKeepsTheLastGoodState()
    {
        var session = Subscribed();
        var recorder = Recorder.Create();
        session.Feed("{\"topic\":\"tickers.BTCUSDT\",\"type\":\"snapshot\",\"data\":{\"lastPrice\":\"10\",\"bid1Price\":\"9\"}}");
        session.Feed("{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"lastPrice\":\"11\",\"bid1Price\":\"x\"}}");
        session.Feed("{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"ask1Price\":\"12\"}}", ref recorder);

        Assert.That(recorder.Tickers.Single().Last, Is.EqualTo(100_000_000_000));
        Assert.That(recorder.Tickers.Single().Bid, Is.EqualTo(90_000_000_000));
    }

    [Test]
    public void RepliesPongsAndKlinesAreCountedNotErrors()
    {
        var session = Subscribed();

        Assert.That(session.Feed("{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"d8bu1olkndm7crnfs1e0-j6akw\",\"req_id\":\"\",\"op\":\"subscribe\"}"), Is.EqualTo(FrameOutcome.Reply));
        Assert.That(session.Feed("{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"x\",\"op\":\"ping\"}"), Is.EqualTo(FrameOutcome.Pong));
        Assert.That(session.Feed("{\"req_id\":\"\",\"op\":\"pong\",\"args\":[\"1675418560633\"],\"conn_id\":\"x\"}"), Is.EqualTo(FrameOutcome.Pong));
        Assert.That(session.Feed("{\"topic\":\"kline.1.BTCUSDT\",\"data\":[{\"start\":1,\"open\":\"1\"}],\"ts\":1,\"type\":\"snapshot\"}"), Is.EqualTo(FrameOutcome.Kline));

        Assert.That(session.Stats.Replies, Is.EqualTo(1));
        Assert.That(session.Stats.Pongs, Is.EqualTo(2));
        Assert.That(session.Stats.KlineFrames, Is.EqualTo(1));
        Assert.That(session.Stats.Errors, Is.Zero);
    }

    [Test]
    public void SameSymbolInTwoCategoriesIsTwoInstruments()
    {
        var registry = new Velox.Core.Instruments.InstrumentRegistry();
        var linear = new BybitMarketDataSession(registry, BybitCategory.Linear).Subscribe("orderbook.200.BTCUSDT");
        var spot = new BybitMarketDataSession(registry, BybitCategory.Spot).Subscribe("orderbook.200.BTCUSDT");

        Assert.That(linear.Instrument.Id, Is.Not.EqualTo(spot.Instrument.Id));
        Assert.That(linear.Instrument.Venue, Is.EqualTo("bybit-linear"));
        Assert.That(spot.Instrument.Venue, Is.EqualTo("bybit-spot"));
        Assert.That(spot.Depth, Is.EqualTo(200));
        Assert.That(spot.Book!.MaxLevelsPerSide, Is.EqualTo(400));
    }
}
