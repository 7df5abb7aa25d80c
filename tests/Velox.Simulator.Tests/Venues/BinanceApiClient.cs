using System.Text;
using System.Text.Json;
using Velox.Core;
using Velox.Core.Numerics;
using Velox.Net.WebSockets;
using Velox.Simulator.Hosting;
using Velox.Simulator.Venues.Binance;
using Velox.Trading.Orders;
using Velox.Venues.Binance.Trading;

namespace Velox.Simulator.Tests.Venues;

/// <summary>
/// A bare WebSocket API client for the simulator tests: sends requests signed by our own encoder (or hand-made
/// ones) on a real socket to /ws-api/v3 and keeps every message received, parsed.
/// </summary>
internal sealed class BinanceApiClient : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly WebSocketConnection _socket;
    private readonly byte[] _buffer = new byte[4096];
    private readonly byte[] _key;
    private readonly byte[] _secret;

    public BinanceApiClient(VenueSimulatorServer server, string? key = null, string? secret = null)
    {
        _socket = WebSocketClient.Connect(new Uri(server.BaseUrl, BinanceApiConnection.Path));
        _key = Encoding.UTF8.GetBytes(key ?? BinanceOrderEntry.Demo.ApiKey);
        _secret = Encoding.UTF8.GetBytes(secret ?? BinanceOrderEntry.Demo.ApiSecret);
    }

    /// <summary>Everything received, oldest first.</summary>
    public List<JsonElement> Received { get; } = [];

    public bool IsOpen => _socket.State == WebSocketConnectionState.Open;

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public void Send(string json) => Assert.That(_socket.SendText(Encoding.UTF8.GetBytes(json)), Is.True);

    public void Subscribe(long number = 1, long? timestamp = null)
    {
        Assert.That(BinanceOrderEncoder.TryWriteSubscribe(_buffer, _key, _secret, number, timestamp ?? Now, 5_000, out var n), Is.True);
        _socket.SendText(_buffer.AsSpan(0, n));
    }

    public void Place(long id, Side side, OrderType type, TimeInForce tif, long price, long quantity, string symbol = "BTCUSDT")
    {
        Assert.That(
            BinanceOrderEncoder.TryWritePlace(
                _buffer, _key, _secret, id, Encoding.ASCII.GetBytes(symbol), side, type, tif, new Price(price), 8, new Quantity(quantity), 8, Now, 5_000, out var n),
            Is.True);
        _socket.SendText(_buffer.AsSpan(0, n));
    }

    public void Cancel(long id, int generation = 0)
    {
        Assert.That(BinanceOrderEncoder.TryWriteCancel(_buffer, _key, _secret, id, generation, "BTCUSDT"u8, Now, 5_000, out var n), Is.True);
        _socket.SendText(_buffer.AsSpan(0, n));
    }

    public void Replace(long id, int generation, Side side, long price, long quantity)
    {
        Assert.That(
            BinanceOrderEncoder.TryWriteCancelReplace(
                _buffer, _key, _secret, id, generation, "BTCUSDT"u8, side, OrderType.Limit, TimeInForce.GoodTillCancel, new Price(price), 8, new Quantity(quantity), 8, Now, 5_000, out var n),
            Is.True);
        _socket.SendText(_buffer.AsSpan(0, n));
    }

    public void Status(long id, int generation = 0)
    {
        Assert.That(BinanceOrderEncoder.TryWriteStatus(_buffer, _key, _secret, id, generation, "BTCUSDT"u8, Now, 5_000, out var n), Is.True);
        _socket.SendText(_buffer.AsSpan(0, n));
    }

    /// <summary>myTrades of venue order <paramref name="orderId"/>; the request id is "t" + <paramref name="id"/>.</summary>
    public void MyTrades(long id, long orderId)
    {
        Assert.That(BinanceOrderEncoder.TryWriteMyTrades(_buffer, _key, _secret, id, orderId, "BTCUSDT"u8, Now, 5_000, out var n), Is.True);
        _socket.SendText(_buffer.AsSpan(0, n));
    }

    public void CancelAll()
    {
        Assert.That(BinanceOrderEncoder.TryWriteCancelAll(_buffer, _key, _secret, 0, "BTCUSDT"u8, Now, 5_000, out var n), Is.True);
        _socket.SendText(_buffer.AsSpan(0, n));
    }

    /// <summary>A signed request with hand-made params (sorted by name for the signature, as the documentation says).</summary>
    public void SendSigned(string id, string method, SortedDictionary<string, string> parameters)
    {
        var query = string.Join('&', parameters.Select(p => $"{p.Key}={p.Value}"));
        var signature = new byte[BinanceSigner.SignatureHexLength];
        BinanceSigner.TrySign(_secret, Encoding.UTF8.GetBytes(query), signature);
        var json = new StringBuilder($"{{\"id\":\"{id}\",\"method\":\"{method}\",\"params\":{{");
        foreach (var (name, value) in parameters)
        {
            json.Append(System.Globalization.CultureInfo.InvariantCulture, $"\"{name}\":{(name is "timestamp" or "recvWindow" ? value : $"\"{value}\"")},");
        }

        json.Append(System.Globalization.CultureInfo.InvariantCulture, $"\"signature\":\"{Encoding.ASCII.GetString(signature)}\"}}}}");
        Send(json.ToString());
    }

    /// <summary>The response to request <paramref name="id"/>.</summary>
    public JsonElement Response(string id) => WaitFor(e => e.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String && i.GetString() == id, $"response {id}");

    /// <summary>The first user data event matching <paramref name="match"/> (events wrapped as {"subscriptionId":..,"event":..}).</summary>
    public JsonElement Event(Func<JsonElement, bool> match, string what) =>
        WaitFor(e => e.TryGetProperty("event", out var ev) && match(ev), what).GetProperty("event");

    /// <summary>The first executionReport matching <paramref name="match"/>.</summary>
    public JsonElement Execution(Func<JsonElement, bool> match, string what) =>
        Event(e => e.GetProperty("e").GetString() == "executionReport" && match(e), what);

    /// <summary>executionReports of the order sent as <paramref name="clientId"/> (or cancelled from it), in arrival order.</summary>
    public List<JsonElement> Reports(string clientId)
    {
        Pump();
        return Received.Where(e => e.TryGetProperty("event", out var ev) && ev.GetProperty("e").GetString() == "executionReport"
                && (ev.GetProperty("c").GetString() == clientId || ev.GetProperty("C").GetString() == clientId))
            .Select(e => e.GetProperty("event")).ToList();
    }

    public JsonElement WaitFor(Func<JsonElement, bool> match, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            Pump();
            foreach (var e in Received)
            {
                if (match(e))
                {
                    return e;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}; received: {string.Join(" | ", Received.Select(r => r.GetRawText()))}");
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>Reads for <paramref name="duration"/>.</summary>
    public void PumpFor(TimeSpan duration)
    {
        var end = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < end)
        {
            Pump();
            Thread.Sleep(1);
        }
    }

    public int Pump()
    {
        if (_socket.State != WebSocketConnectionState.Open)
        {
            return 0;
        }

        var handler = new Collector(Received);
        return _socket.Poll(ref handler);
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>Raw at 8 decimals of a decimal text.</summary>
    public static long Raw(string text)
    {
        Assert.That(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), 8, out var raw), Is.True, text);
        return raw;
    }

    private readonly struct Collector : IWebSocketHandler
    {
        private readonly List<JsonElement> _into;

        public Collector(List<JsonElement> into) => _into = into;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            using var document = JsonDocument.Parse(payload.ToArray());
            _into.Add(document.RootElement.Clone());
        }

        public void OnClose(int closeStatus, ReadOnlySpan<byte> reason)
        {
        }
    }
}
