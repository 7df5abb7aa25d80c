using System.Security.Cryptography;
using System.Text;
using Velox.Core;
using Velox.Core.Numerics;
using Velox.Trading.Orders;
using Velox.Venues.Binance.Trading;

namespace Velox.Venues.Binance.Tests.Trading;

public sealed class EncoderTests
{
    private const long Coid = (3L << 40) | 1;
    private const long Ts = 1645423376532;

    [Test]
    public void SignerMatchesTheRestDocumentationVector()
    {
        // developers.binance.com REST API "SIGNED Endpoint Examples for POST /api/v3/order - HMAC Keys".
        var payload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"u8;
        var signature = new byte[64];
        Assert.That(BinanceSigner.TrySign(Encoding.ASCII.GetBytes(Harness.Secret), payload, signature), Is.True);
        Assert.That(Encoding.ASCII.GetString(signature), Is.EqualTo("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"));
    }

    [Test]
    public void SignerMatchesTheWebSocketApiDocumentationVector()
    {
        // developers.binance.com WebSocket API "SIGNED request example (HMAC)": params sorted alphabetically.
        var payload = Encoding.ASCII.GetBytes(
            "apiKey=" + Harness.Key + "&newOrderRespType=ACK&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT");
        var signature = new byte[64];
        Assert.That(BinanceSigner.TrySign(Encoding.ASCII.GetBytes(Harness.Secret), payload, signature), Is.True);
        Assert.That(Encoding.ASCII.GetString(signature), Is.EqualTo("cc15477742bd704c29492d96c7ead9414dfd8e0ec4a00f947bb5bb454ddbd08a"));
        Assert.That(BinanceSigner.TrySign(Encoding.ASCII.GetBytes(Harness.Secret), payload, new byte[63]), Is.False);
    }

    [TestCase(1, 0)]
    [TestCase(64, 300)]
    [TestCase(65, 1)]
    [TestCase(200, 2_048)]
    [TestCase(32, 5_000)]
    public void SignerAgreesWithTheFrameworkHmac(int keyLength, int payloadLength)
    {
        var random = new Random(keyLength * 31 + payloadLength);
        var key = new byte[keyLength];
        var payload = new byte[payloadLength];
        random.NextBytes(key);
        random.NextBytes(payload);
        var signature = new byte[64];
        Assert.That(BinanceSigner.TrySign(key, payload, signature), Is.True);
        Assert.That(Encoding.ASCII.GetString(signature), Is.EqualTo(Convert.ToHexStringLower(HMACSHA256.HashData(key, payload))));
    }

    [TestCase(Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, "price=52000&quantity=0.01&recvWindow=100&side=BUY&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT")]
    [TestCase(Side.Ask, OrderType.Limit, TimeInForce.ImmediateOrCancel, "price=52000&quantity=0.01&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=IOC&timestamp=1645423376532&type=LIMIT")]
    [TestCase(Side.Bid, OrderType.Limit, TimeInForce.FillOrKill, "price=52000&quantity=0.01&recvWindow=100&side=BUY&symbol=BTCUSDT&timeInForce=FOK&timestamp=1645423376532&type=LIMIT")]
    [TestCase(Side.Ask, OrderType.PostOnly, TimeInForce.GoodTillCancel, "price=52000&quantity=0.01&recvWindow=100&side=SELL&symbol=BTCUSDT&timestamp=1645423376532&type=LIMIT_MAKER")]
    [TestCase(Side.Bid, OrderType.Market, TimeInForce.ImmediateOrCancel, "quantity=0.01&recvWindow=100&side=BUY&symbol=BTCUSDT&timestamp=1645423376532&type=MARKET")]
    public void PlaceIsByteExactAndSignedOverTheSortedParams(Side side, OrderType type, TimeInForce tif, string tail)
    {
        var buffer = new byte[1024];
        Assert.That(BinanceOrderEncoder.TryWritePlace(
            buffer, Encoding.ASCII.GetBytes(Harness.Key), Encoding.ASCII.GetBytes(Harness.Secret), Coid, "BTCUSDT"u8, side, type, tif,
            new Price(5_200_000), 2, new Quantity(1_000_000), 8, Ts, 100, out var written), Is.True);
        var query = $"apiKey={Harness.Key}&newClientOrderId=vx{Coid}&newOrderRespType=ACK&{tail}";
        var expected = "{\"id\":\"p" + Coid + "\",\"method\":\"order.place\",\"params\":{" + QueryToJson(query) + ",\"signature\":\"" + Sign(query) + "\"}}";
        Assert.That(Encoding.ASCII.GetString(buffer, 0, written), Is.EqualTo(expected));
    }

    [Test]
    public void MarketFillOrKillAndZeroQuantityAreRefused()
    {
        var buffer = new byte[1024];
        Assert.That(BinanceOrderEncoder.TryWritePlace(
            buffer, "k"u8, "s"u8, Coid, "BTCUSDT"u8, Side.Bid, OrderType.Market, TimeInForce.FillOrKill, default, 2, new Quantity(1), 8, Ts, 0, out _), Is.False);
        Assert.That(BinanceOrderEncoder.TryWritePlace(
            buffer, "k"u8, "s"u8, Coid, "BTCUSDT"u8, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(1), 2, default, 8, Ts, 0, out _), Is.False);
        Assert.That(BinanceOrderEncoder.TryWritePlace(
            new byte[100], "k"u8, "s"u8, Coid, "BTCUSDT"u8, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(1), 2, new Quantity(1), 8, Ts, 0, out var n), Is.False);
        Assert.That(n, Is.Zero);
    }

    [Test]
    public void CancelIsByteExact()
    {
        var buffer = new byte[1024];
        Assert.That(BinanceOrderEncoder.TryWriteCancel(
            buffer, Encoding.ASCII.GetBytes(Harness.Key), Encoding.ASCII.GetBytes(Harness.Secret), Coid, 2, "BTCUSDT"u8, Ts, 5000, out var written), Is.True);
        var query = $"apiKey={Harness.Key}&origClientOrderId=vx{Coid}r2&recvWindow=5000&symbol=BTCUSDT&timestamp={Ts}";
        Assert.That(Encoding.ASCII.GetString(buffer, 0, written), Is.EqualTo(
            "{\"id\":\"c" + Coid + "\",\"method\":\"order.cancel\",\"params\":{" + QueryToJson(query) + ",\"signature\":\"" + Sign(query) + "\"}}"));
    }

    [Test]
    public void CancelReplaceIsByteExact()
    {
        var buffer = new byte[1024];
        Assert.That(BinanceOrderEncoder.TryWriteCancelReplace(
            buffer, Encoding.ASCII.GetBytes(Harness.Key), Encoding.ASCII.GetBytes(Harness.Secret), Coid, 0, "BTCUSDT"u8, Side.Ask, OrderType.Limit,
            TimeInForce.GoodTillCancel, new Price(5_200_050), 2, new Quantity(75_000), 8, Ts, 0, out var written), Is.True);
        var query = $"apiKey={Harness.Key}&cancelOrigClientOrderId=vx{Coid}&cancelReplaceMode=STOP_ON_FAILURE&newClientOrderId=vx{Coid}r1"
            + $"&newOrderRespType=ACK&price=52000.5&quantity=0.00075&side=SELL&symbol=BTCUSDT&timeInForce=GTC&timestamp={Ts}&type=LIMIT";
        Assert.That(Encoding.ASCII.GetString(buffer, 0, written), Is.EqualTo(
            "{\"id\":\"r" + Coid + "\",\"method\":\"order.cancelReplace\",\"params\":{" + QueryToJson(query) + ",\"signature\":\"" + Sign(query) + "\"}}"));
    }

    [Test]
    public void CancelAllAndSubscribeAreByteExact()
    {
        var buffer = new byte[1024];
        var key = Encoding.ASCII.GetBytes(Harness.Key);
        var secret = Encoding.ASCII.GetBytes(Harness.Secret);
        Assert.That(BinanceOrderEncoder.TryWriteCancelAll(buffer, key, secret, 7, "ETHUSDT"u8, Ts, 5000, out var written), Is.True);
        var query = $"apiKey={Harness.Key}&recvWindow=5000&symbol=ETHUSDT&timestamp={Ts}";
        Assert.That(Encoding.ASCII.GetString(buffer, 0, written), Is.EqualTo(
            "{\"id\":\"a7\",\"method\":\"openOrders.cancelAll\",\"params\":{" + QueryToJson(query) + ",\"signature\":\"" + Sign(query) + "\"}}"));

        Assert.That(BinanceOrderEncoder.TryWriteSubscribe(buffer, key, secret, 1, Ts, 5000, out written), Is.True);
        query = $"apiKey={Harness.Key}&recvWindow=5000&timestamp={Ts}";
        Assert.That(Encoding.ASCII.GetString(buffer, 0, written), Is.EqualTo(
            "{\"id\":\"s1\",\"method\":\"userDataStream.subscribe.signature\",\"params\":{" + QueryToJson(query) + ",\"signature\":\"" + Sign(query) + "\"}}"));
    }

    [Test]
    public void RestBodyIsTheSignedQueryStringWithoutTheKey()
    {
        var buffer = new byte[1024];
        Assert.That(BinanceOrderEncoder.TryWriteRestOrder(
            buffer, Encoding.ASCII.GetBytes(Harness.Secret), Coid, "BTCUSDT"u8, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel,
            new Price(5_200_000), 2, new Quantity(1_000_000), 8, Ts, 5000, out var written), Is.True);
        var query = $"newClientOrderId=vx{Coid}&newOrderRespType=ACK&price=52000&quantity=0.01&recvWindow=5000&side=BUY&symbol=BTCUSDT&timeInForce=GTC&timestamp={Ts}&type=LIMIT";
        Assert.That(Encoding.ASCII.GetString(buffer, 0, written), Is.EqualTo(query + "&signature=" + Sign(query)));
    }

    [Test]
    public void ClientIdsRoundTripWithinBinanceLimits()
    {
        var buffer = new byte[BinanceClientIds.MaxLength];
        foreach (var (id, generation) in new[] { (1L, 0), (Coid, 0), (Coid, 1), ((ClientOrderIdSource.MaxSession << 40) | ((1L << 40) - 1), int.MaxValue) })
        {
            Assert.That(BinanceClientIds.TryFormat(id, generation, buffer, out var n), Is.True);
            var text = buffer.AsSpan(0, n);
            Assert.That(n, Is.LessThanOrEqualTo(36));
            Assert.That(Encoding.ASCII.GetString(text), Does.Match("^[a-zA-Z0-9_-]+$"));
            Assert.That(BinanceClientIds.TryParse(text, out var back, out var g), Is.True);
            Assert.That((back, g), Is.EqualTo((id, generation)));
        }

        foreach (var foreign in new[] { "mUvoqJxFIILMdfAW5iGSOW", "vx", "vx-5", "vx12r", "vx12r0", "vx12x3", "web_123", "vx99999999999999999999" })
        {
            Assert.That(BinanceClientIds.TryParse(Encoding.ASCII.GetBytes(foreign), out _, out _), Is.False, foreign);
        }
    }

    [Test]
    public void EncodingAllocatesNothing()
    {
        var buffer = new byte[1024];
        var key = Encoding.ASCII.GetBytes(Harness.Key);
        var secret = Encoding.ASCII.GetBytes(Harness.Secret);
        var total = 0L;
        for (var pass = 0; pass < 2; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 2_000; i++)
            {
                BinanceOrderEncoder.TryWritePlace(
                    buffer, key, secret, Coid + i, "BTCUSDT"u8, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(5_200_000 + i), 2,
                    new Quantity(1_000_000), 8, Ts + i, 5000, out var w1);
                BinanceOrderEncoder.TryWriteCancel(buffer, key, secret, Coid + i, 0, "BTCUSDT"u8, Ts + i, 5000, out var w2);
                BinanceOrderEncoder.TryWriteCancelReplace(
                    buffer, key, secret, Coid + i, 1, "BTCUSDT"u8, Side.Ask, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(5_200_000), 2,
                    new Quantity(1_000), 8, Ts, 5000, out var w3);
                total += w1 + w2 + w3;
            }

            if (pass == 1)
            {
                Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
            }
        }

        Assert.That(total, Is.GreaterThan(0));
    }

    /// <summary>The JSON members the docs show for a query string: numbers bare (recvWindow, timestamp), the rest quoted.</summary>
    private static string QueryToJson(string query) =>
        string.Join(",", query.Split('&').Select(pair =>
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = pair[..eq];
            var value = pair[(eq + 1)..];
            return name is "recvWindow" or "timestamp" ? $"\"{name}\":{value}" : $"\"{name}\":\"{value}\"";
        }));

    private static string Sign(string query) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.ASCII.GetBytes(Harness.Secret), Encoding.ASCII.GetBytes(query)));
}
