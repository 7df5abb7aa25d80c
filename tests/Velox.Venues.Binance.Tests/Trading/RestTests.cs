using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Velox.Core;
using Velox.Trading.Credentials;
using Velox.Trading.Orders;
using Velox.Venues.Binance.Trading;

namespace Velox.Venues.Binance.Tests.Trading;

/// <summary>The REST fallback against a local HTTP listener on 127.0.0.1 playing POST /api/v3/order.</summary>
[CancelAfter(30_000)]
public sealed class RestTests
{
    [Test]
    public async Task PlaceOverRestSendsTheSignedBodyWithTheKeyHeader()
    {
        var h = new Harness();
        var (listener, prefix) = StartListener();
        using var _ = listener;
        string? body = null, key = null, contentType = null, path = null;
        var serve = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var context = await listener.GetContextAsync();
                using var reader = new StreamReader(context.Request.InputStream, Encoding.ASCII);
                var text = await reader.ReadToEndAsync();
                body ??= text;
                key ??= context.Request.Headers["X-MBX-APIKEY"];
                contentType ??= context.Request.ContentType;
                path ??= context.Request.Url!.AbsolutePath;
                var ok = i == 0;
                context.Response.StatusCode = ok ? 200 : 400;
                var answer = ok
                    ? "{\"symbol\":\"BTCUSDT\",\"orderId\":28,\"orderListId\":-1,\"clientOrderId\":\"vx1\",\"transactTime\":1507725176595}"
                    : "{\"code\":-1013,\"msg\":\"Filter failure: LOT_SIZE\"}";
                var bytes = Encoding.ASCII.GetBytes(answer);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var client = new BinanceRestOrderClient(http, new Uri(prefix), h.Credentials);
        var request = h.Request(Side.Bid, "52000", "0.01");
        var result = await client.PlaceAsync(77, h.Btc, request, 1645423376532, 5000);
        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.OrderId, Is.EqualTo(28));

        var failed = await client.PlaceAsync(78, h.Btc, request, 1645423376533, 5000);
        Assert.That((failed.IsSuccess, failed.HttpStatus, failed.ErrorCode, failed.Code), Is.EqualTo((false, 400, -1013, BinanceRejectCode.VenueFilterFailure)));
        Assert.That(failed.ErrorMessage, Is.EqualTo("Filter failure: LOT_SIZE"));
        await serve;

        Assert.That(path, Is.EqualTo("/api/v3/order"));
        Assert.That(key, Is.EqualTo(Harness.Key));
        Assert.That(contentType, Does.StartWith("application/x-www-form-urlencoded"));
        var payload = "newClientOrderId=vx77&newOrderRespType=ACK&price=52000&quantity=0.01&recvWindow=5000&side=BUY&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.ASCII.GetBytes(Harness.Secret), Encoding.ASCII.GetBytes(payload)));
        Assert.That(body, Is.EqualTo(payload + "&signature=" + signature));
    }

    [TestCase(200, "not json", 0)]
    [TestCase(503, "", 0)]
    [TestCase(429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}", -1003)]
    [TestCase(200, "[1]", 0)]
    public void BadAnswersAreFailuresWithAReason(int status, string body, int code)
    {
        var result = BinanceRestOrderClient.ParseResponse(status, body);
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.ErrorCode, Is.EqualTo(code));
        Assert.That(result.ErrorMessage, Is.Not.Empty);
        if (status == 429)
        {
            Assert.That(result.Code, Is.EqualTo(BinanceRejectCode.VenueRateLimited));
        }
    }

    [Test]
    public void CredentialsComeFromTheEnvironmentNamesAndNeverShow()
    {
        var env = new Dictionary<string, string>
        {
            ["VELOX_BINANCE_API_KEY"] = Harness.Key,
            ["VELOX_BINANCE_API_SECRET"] = Harness.Secret,
        };
        var credentials = VenueCredentialsLoader.Load("binance", environment: name => env.GetValueOrDefault(name));
        Assert.That(credentials.ToString(), Does.Not.Contain(Harness.Secret).And.Not.Contain(Harness.Key));
        var e = Assert.Throws<InvalidOperationException>(() => VenueCredentialsLoader.Load("binance", environment: _ => null))!;
        Assert.That(e.Message, Does.Contain("VELOX_BINANCE_API_KEY").And.Contain("VELOX_BINANCE_API_SECRET"));
        using var http = new HttpClient();
        var client = new BinanceRestOrderClient(http, new Uri("http://127.0.0.1:1/"), credentials);
        using var request = client.BuildPlaceRequest(5, new Harness().Btc, new OrderRequest(default, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel, new Velox.Core.Numerics.Price(100), new Velox.Core.Numerics.Quantity(1_000_000)), 1, 0);
        Assert.That(request.ToString(), Does.Not.Contain(Harness.Secret));
    }

    private static (HttpListener Listener, string Prefix) StartListener()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var prefix = $"http://127.0.0.1:{port}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return (listener, prefix);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }
}
