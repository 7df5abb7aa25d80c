using System.Text;
using Velox.Venues.Bybit.Parsing;
using Velox.Venues.Bybit.Requests;
using Velox.Venues.Bybit.Tests.Session;

namespace Velox.Venues.Bybit.Tests.Parsing;

public sealed class RequestTests
{
    [Test]
    public void SubscribeUnsubscribeAndPingAreTheV5Messages()
    {
        var buffer = new byte[BybitRequests.MaxLength];

        Assert.That(BybitRequests.TryWriteSubscribe(buffer, "orderbook.200.BTCUSDT"u8, out var n), Is.True);
        Assert.That(Encoding.UTF8.GetString(buffer, 0, n), Is.EqualTo("{\"op\":\"subscribe\",\"args\":[\"orderbook.200.BTCUSDT\"]}"));
        Assert.That(BybitRequests.TryWriteUnsubscribe(buffer, "tickers.ETHUSDT"u8, out n), Is.True);
        Assert.That(Encoding.UTF8.GetString(buffer, 0, n), Is.EqualTo("{\"op\":\"unsubscribe\",\"args\":[\"tickers.ETHUSDT\"]}"));
        Assert.That(BybitRequests.TryWritePing(buffer, out n), Is.True);
        Assert.That(Encoding.UTF8.GetString(buffer, 0, n), Is.EqualTo("{\"op\":\"ping\"}"));
        Assert.That(BybitRequests.TryWriteSubscribe(new byte[10], "tickers.ETHUSDT"u8, out n), Is.False);
        Assert.That(BybitRequests.TopicName(BybitTopic.OrderBook, "SOLUSDT", 50), Is.EqualTo("orderbook.50.SOLUSDT"));
    }

    [TestCase("orderbook.1.BTCUSDT", BybitTopic.OrderBook, 1, "BTCUSDT")]
    [TestCase("orderbook.500.ETHUSDT", BybitTopic.OrderBook, 500, "ETHUSDT")]
    [TestCase("publicTrade.SOLUSDT", BybitTopic.PublicTrade, 0, "SOLUSDT")]
    [TestCase("tickers.DOGEUSDT", BybitTopic.Tickers, 0, "DOGEUSDT")]
    public void TopicNamesSplitIntoKindDepthAndSymbol(string topic, BybitTopic kind, int depth, string symbol)
    {
        Assert.That(BybitTopicName.TryParse(Encoding.UTF8.GetBytes(topic), out var k, out var d, out var s), Is.True);
        Assert.That((k, d, Encoding.UTF8.GetString(s)), Is.EqualTo((kind, depth, symbol)));
    }

    [TestCase("orderbook.0.BTCUSDT")]
    [TestCase("orderbook.5000.BTCUSDT")]
    [TestCase("orderbook.BTCUSDT")]
    [TestCase("kline.1.BTCUSDT")]
    [TestCase("allLiquidation.BTCUSDT")]
    [TestCase("tickers.")]
    [TestCase("tickers")]
    public void TopicsTheSessionDoesNotHandleAreRefused(string topic)
    {
        Assert.That(BybitTopicName.TryParse(Encoding.UTF8.GetBytes(topic), out _, out _, out _), Is.False);
    }

    [Test]
    public void CategoryFromTheEndpointAddress()
    {
        Assert.That(BybitVenue.TryParseCategory("wss://stream.bybit.com/v5/public/spot", out var c) && c == BybitCategory.Spot, Is.True);
        Assert.That(BybitVenue.TryParseCategory(BybitVenue.PublicUrl(BybitCategory.Linear), out c) && c == BybitCategory.Linear, Is.True);
        Assert.That(BybitVenue.TryParseCategory("wss://stream.bybit.com/v5/public/option", out _), Is.False);
    }

    [Test]
    public void AdoptRegistersTheTopicsOfARecordedSubscribeWithoutQueuing()
    {
        var session = BybitTestSupport.NewSession();

        Assert.That(session.Adopt("{\"op\":\"subscribe\",\"args\":[\"tickers.BTCUSDT\",\"tickers.ETHUSDT\",\"kline.1.BTCUSDT\"]}"u8), Is.EqualTo(2));
        Assert.That(session.Adopt("{\"op\":\"subscribe\",\"args\":[\"tickers.BTCUSDT\"]}"u8), Is.Zero);
        Assert.That(session.Adopt("{\"op\":\"ping\"}"u8), Is.Zero);
        Assert.That(session.Find("tickers.ETHUSDT"), Is.Not.Null);
        Assert.That(session.Outbound.Count, Is.Zero);
    }
}
