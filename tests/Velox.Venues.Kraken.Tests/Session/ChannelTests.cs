using Velox.Core;
using Velox.Venues.Kraken.Session;

namespace Velox.Venues.Kraken.Tests.Session;

public sealed class ChannelTests
{
    [Test]
    public void RecordedTradeBecomesASignedTradeEvent()
    {
        var session = KrakenTestSupport.NewSession();
        session.Feed("{\"channelID\":993,\"channelName\":\"trade\",\"event\":\"subscriptionStatus\",\"pair\":\"XMR/USD\",\"status\":\"subscribed\",\"subscription\":{\"name\":\"trade\"}}");
        var recorder = Recorder.Create();

        var outcome = session.ProcessFrame("[993,[[\"354.11000000\",\"0.89594024\",\"1618678142.557535\",\"s\",\"l\",\"\"]],\"trade\",\"XMR/USD\"]"u8, 5, ref recorder);

        Assert.That(outcome, Is.EqualTo(FrameOutcome.Trades));
        var trade = recorder.Trades.Single();
        Assert.That(trade.Price, Is.EqualTo(354_11000000));
        Assert.That(trade.Amount, Is.EqualTo(-89594024));
        Assert.That(trade.AggressorSide, Is.EqualTo(Side.Ask));
        Assert.That(trade.TimestampMs, Is.EqualTo(1618678142557));
        Assert.That(trade.ReceiveNanos, Is.EqualTo(5));
    }

    [Test]
    public void RecordedTickerBecomesATickerEvent()
    {
        var session = KrakenTestSupport.NewSession();
        session.Feed("{\"channelID\":996,\"channelName\":\"ticker\",\"event\":\"subscriptionStatus\",\"pair\":\"XMR/USD\",\"status\":\"subscribed\",\"subscription\":{\"name\":\"ticker\"}}");
        var recorder = Recorder.Create();
        var frame = "[996,{\"a\":[\"355.24000000\",27,\"27.19106411\"],\"b\":[\"354.32000000\",6,\"6.87748868\"],\"c\":[\"355.23000000\",\"1.20454360\"],\"v\":[\"17858.85261084\",\"33470.74135600\"],\"p\":[\"355.33503706\",\"349.16721624\"],\"t\":[6481,10283],\"l\":[\"340.88000000\",\"333.87000000\"],\"h\":[\"368.00000000\",\"368.00000000\"],\"o\":[\"340.88000000\",\"335.21000000\"]},\"ticker\",\"XMR/USD\"]"u8;

        Assert.That(session.ProcessFrame(frame, 0, ref recorder), Is.EqualTo(FrameOutcome.Ticker));

        var t = recorder.Tickers.Single();
        Assert.That(t.Ask, Is.EqualTo(355_24000000));
        Assert.That(t.AskSize, Is.EqualTo(27_19106411));
        Assert.That(t.Bid, Is.EqualTo(354_32000000));
        Assert.That(t.BidSize, Is.EqualTo(6_87748868));
        Assert.That(t.Last, Is.EqualTo(355_23000000));
        Assert.That(t.Volume, Is.EqualTo(33470_74135600));
        Assert.That(t.Low, Is.EqualTo(333_87000000));
        Assert.That(t.High, Is.EqualTo(368_00000000));
        Assert.That(t.DailyChange, Is.EqualTo(20_02000000));
        Assert.That(t.DailyChangeRelative, Is.EqualTo(5_972375), "20.02 / 335.21 = 0.05972375…");
    }
}
