using System.Text;
using System.Text.Json;
using Velox.Simulator.Bitfinex;

namespace Velox.Simulator.Venues.GateIo;

/// <summary>
/// One Gate.io v4 spot WebSocket client (<c>/ws/v4/</c>): <c>{"time":T,"channel":C,"event":"subscribe"|"unsubscribe","payload":[..]}</c>
/// for <c>spot.order_book_update</c> (<c>[pair,"100ms"|"1000ms"]</c>), <c>spot.trades</c> and <c>spot.tickers</c> (pairs),
/// answered <c>{"time":T,"channel":C,"event":E,"result":{"status":"success"}}</c> as in the recording, or with an
/// <c>error</c> object and status "fail"; <c>spot.ping</c> → <c>spot.pong</c>. Tickers are acknowledged but this
/// simulator publishes none. Faults: dropped diff (a U/u gap), truncated diff, disconnect.
/// </summary>
public sealed class GateIoConnection : VenueConnection
{
    private readonly bool[] _books;
    private readonly bool[] _trades;

    public GateIoConnection(VenueExchange exchange, IFrameSink sink)
        : base(exchange, sink)
    {
        _books = new bool[exchange.Market.Count];
        _trades = new bool[exchange.Market.Count];
    }

    /// <summary>Requests refused (unknown channel, event or pair, bad JSON).</summary>
    public long Refused { get; private set; }

    /// <summary>Pongs sent.</summary>
    public long Pongs { get; private set; }

    /// <inheritdoc />
    public override void OnClientMessage(ReadOnlySpan<byte> utf8)
    {
        string? channel = null;
        string? eventName = null;
        try
        {
            using var request = JsonDocument.Parse(utf8.ToArray());
            var root = request.RootElement;
            channel = String(root, "channel");
            eventName = String(root, "event");
            if (channel == "spot.ping")
            {
                Reply("spot.pong", string.Empty, "null", error: null);
                Pongs++;
                return;
            }

            var subscribe = eventName == "subscribe";
            if ((!subscribe && eventName != "unsubscribe") || !root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Array)
            {
                Refuse(channel, eventName, 1, "invalid request");
                return;
            }

            if (channel is not ("spot.order_book_update" or "spot.trades" or "spot.tickers"))
            {
                Refuse(channel, eventName, 2, "unknown channel");
                return;
            }

            if (!TryApply(channel, subscribe, payload, out var problem))
            {
                Refuse(channel, eventName, 2, problem);
                return;
            }

            Reply(channel, eventName!, "{\"status\":\"success\"}", error: null);
        }
        catch (JsonException)
        {
            Refuse(channel, eventName, 1, "invalid request body format");
        }
    }

    private protected override bool Wants(in FrameLog.Entry entry) =>
        entry.Stream == VenueStream.Depth ? _books[entry.Instrument] : _trades[entry.Instrument];

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private bool TryApply(string channel, bool subscribe, JsonElement payload, out string problem)
    {
        problem = string.Empty;
        var items = payload.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : string.Empty).ToArray();
        if (channel == "spot.order_book_update")
        {
            // One pair and the update interval per request.
            if (items.Length != 2 || items[1] is not ("100ms" or "1000ms"))
            {
                problem = "payload must be [currency_pair, \"100ms\"|\"1000ms\"]";
                return false;
            }

            items = [items[0]];
        }

        var instruments = items.Select(pair => Exchange.Market.IndexOf(pair)).ToArray();
        var unknown = Array.IndexOf(instruments, -1);
        if (items.Length == 0 || unknown >= 0)
        {
            problem = $"unknown currency pair: {Printable(items.Length == 0 ? string.Empty : items[unknown])}";
            return false;
        }

        foreach (var instrument in instruments)
        {
            if (channel == "spot.order_book_update")
            {
                _books[instrument] = subscribe;
            }
            else if (channel == "spot.trades")
            {
                _trades[instrument] = subscribe;
            }
        }

        return true;
    }

    private void Refuse(string? channel, string? eventName, int code, string message)
    {
        Refused++;
        Reply(Printable(channel), Printable(eventName), "{\"status\":\"fail\"}", $"{{\"code\":{code},\"message\":\"{message.Replace("\"", "\\\"", StringComparison.Ordinal)}\"}}");
    }

    private void Reply(string channel, string eventName, string result, string? error)
    {
        long now;
        lock (Exchange.Gate)
        {
            now = Exchange.NowMillis;
        }

        Writer.Reset();
        GateIoDialect.WriteHead(Writer, Encoding.ASCII.GetBytes(channel), Encoding.ASCII.GetBytes(eventName), now);
        if (error is not null)
        {
            Writer.Raw(",\"error\":"u8);
            Writer.Raw(Encoding.ASCII.GetBytes(error));
        }
        else if (channel == "spot.pong")
        {
            Writer.Raw(",\"error\":null"u8);
        }

        Writer.Raw(",\"result\":"u8);
        Writer.Raw(Encoding.ASCII.GetBytes(result));
        Writer.Byte((byte)'}');
        Sink.Send(Writer.Written);
    }
}
