using Velox.Core;
using Velox.Venues.Okx.Session;

namespace Velox.Venues.Okx.Tests.Session;

public sealed class ChannelTests
{
    [Test]
    public void RecordedTradeBecomesASignedTradeEvent()
    {
        var session = OkxTestSupport.NewSession();
        session.Subscribe(OkxChannel.Trades, "UNI-USD-SWAP");
        var recorder = Recorder.Create();
        var frame = "{\"arg\":{\"channel\":\"trades\",\"instId\":\"UNI-USD-SWAP\"},\"data\":[{\"instId\":\"UNI-USD-SWAP\",\"tradeId\":\"12883020\",\"px\":\"5.123\",\"sz\":\"100\",\"side\":\"sell\",\"ts\":\"1652459215150\"}]}"u8;

        Assert.That(session.ProcessFrame(frame, 7, ref recorder), Is.EqualTo(FrameOutcome.Trades));

        var trade = recorder.Trades.Single();
        Assert.That(trade.TradeId, Is.EqualTo(12883020));
        Assert.That(trade.TimestampMs, Is.EqualTo(1652459215150));
        Assert.That(trade.Price, Is.EqualTo(5_123_000_000_000));
        Assert.That(trade.Amount, Is.EqualTo(-100_0000_0000));
        Assert.That(trade.AggressorSide, Is.EqualTo(Side.Ask));
        Assert.That(trade.ReceiveNanos, Is.EqualTo(7));
    }

    [Test]
    public void RecordedTickerBecomesATickerEvent()
    {
        var session = OkxTestSupport.NewSession();
        session.Subscribe(OkxChannel.Tickers, "BTC-USD-220527");
        var recorder = Recorder.Create();
        var frame = "{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USD-220527\"},\"data\":[{\"instType\":\"FUTURES\",\"instId\":\"BTC-USD-220527\",\"last\":\"30218.8\",\"lastSz\":\"1\",\"askPx\":\"30220.1\",\"askSz\":\"3\",\"bidPx\":\"30210.4\",\"bidSz\":\"4\",\"open24h\":\"29571.4\",\"high24h\":\"31003.3\",\"low24h\":\"27930.8\",\"sodUtc0\":\"28935.3\",\"sodUtc8\":\"30320.5\",\"volCcy24h\":\"2620.289\",\"vol24h\":\"779573\",\"ts\":\"1652459223003\"}]}"u8;

        Assert.That(session.ProcessFrame(frame, 0, ref recorder), Is.EqualTo(FrameOutcome.Ticker));

        var t = recorder.Tickers.Single();
        const long Px = 1_000_000_000_000;
        Assert.That(t.Last, Is.EqualTo(302_188 * Px / 10));
        Assert.That(t.Bid, Is.EqualTo(302_104 * Px / 10));
        Assert.That(t.Ask, Is.EqualTo(302_201 * Px / 10));
        Assert.That(t.BidSize, Is.EqualTo(4_0000_0000));
        Assert.That(t.AskSize, Is.EqualTo(3_0000_0000));
        Assert.That(t.High, Is.EqualTo(310_033 * Px / 10));
        Assert.That(t.Low, Is.EqualTo(279_308 * Px / 10));
        Assert.That(t.DailyChange, Is.EqualTo(6_474 * Px / 10));
        Assert.That(t.DailyChangeRelative, Is.EqualTo(2_189_277), "647.4 / 29571.4 = 0.02189277…");
        Assert.That(t.Volume, Is.EqualTo(779_573_0000_0000));
    }
}
