using System.Text.Json;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Faults;

namespace Velox.Simulator.Venues.Coinbase;

/// <summary>
/// One Coinbase ws-feed client: <c>{"type":"subscribe"|"unsubscribe","product_ids":[..],"channels":[..]}</c> (channels
/// as names or <c>{"name","product_ids"}</c> objects) for <c>level2</c>, <c>matches</c> and <c>heartbeat</c>, answered
/// with the <c>subscriptions</c> list, then a level2 <c>snapshot</c> per product subscribed (later updates are those
/// after it); <c>heartbeat</c> once a second per product. Refusals are <c>{"type":"error","message","reason"}</c>.
/// Faults: truncated l2update, disconnect. No dropped-update fault: level2 has no sequence and no checksum, so a
/// lost update is invisible to a client except by luck (a delete of a level it never had, a crossed book).
/// </summary>
public sealed class CoinbaseConnection : VenueConnection
{
    private const long HeartbeatNanos = 1_000_000_000;

    private readonly bool[] _level2;
    private readonly bool[] _matches;
    private readonly bool[] _heartbeat;
    private readonly long[] _snapshotIds;
    private long _nextHeartbeatNanos;

    public CoinbaseConnection(VenueExchange exchange, IFrameSink sink)
        : base(exchange, sink)
    {
        var count = exchange.Market.Count;
        _level2 = new bool[count];
        _matches = new bool[count];
        _heartbeat = new bool[count];
        _snapshotIds = new long[count];
    }

    /// <summary>Snapshots sent.</summary>
    public long Snapshots { get; private set; }

    /// <summary>Heartbeats sent.</summary>
    public long Heartbeats { get; private set; }

    /// <summary>Requests refused (unknown type, channel or product, bad JSON).</summary>
    public long Refused { get; private set; }

    /// <inheritdoc />
    public override bool Supports(FaultKind kind) => kind is FaultKind.MalformedJson or FaultKind.Disconnect;

    /// <inheritdoc />
    public override void OnClientMessage(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var request = JsonDocument.Parse(utf8.ToArray());
            var root = request.RootElement;
            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type is not ("subscribe" or "unsubscribe"))
            {
                Refuse("Failed to subscribe", "Type has to be either subscribe or unsubscribe");
                return;
            }

            var requests = new List<(string Channel, int Instrument)>();
            if (!TryRead(root, requests, out var reason))
            {
                Refuse(type == "subscribe" ? "Failed to subscribe" : "Failed to unsubscribe", reason);
                return;
            }

            Apply(type == "subscribe", requests);
        }
        catch (JsonException)
        {
            Refuse("Failed to subscribe", "Malformed JSON");
        }
    }

    /// <inheritdoc />
    protected override int Heartbeat(long nowNanos)
    {
        if (nowNanos < _nextHeartbeatNanos)
        {
            return 0;
        }

        _nextHeartbeatNanos = nowNanos + HeartbeatNanos;
        var sent = 0;
        for (var i = 0; i < _heartbeat.Length; i++)
        {
            if (!_heartbeat[i])
            {
                continue;
            }

            Writer.Reset();
            Writer.Raw("{\"type\":\"heartbeat\",\"last_trade_id\":"u8);
            lock (Exchange.Gate)
            {
                var dialect = (CoinbaseDialect)Exchange.Dialect;
                var product = Exchange.Market[i].Spec.Symbol;
                Writer.Integer(dialect.LastTradeId(product));
                Writer.Raw(",\"product_id\":"u8);
                Writer.Quoted(product);
                Writer.Raw(",\"sequence\":"u8);
                Writer.Integer(dialect.Sequence);
                Writer.Raw(",\"time\":"u8);
                CoinbaseDialect.WriteTime(Writer, Exchange.NowMillis);
            }

            Writer.Byte((byte)'}');
            Sink.Send(Writer.Written);
            Heartbeats++;
            sent++;
        }

        return sent;
    }

    private protected override bool Wants(in FrameLog.Entry entry) =>
        entry.Stream == VenueStream.Depth
            ? _level2[entry.Instrument] && entry.LastId > _snapshotIds[entry.Instrument]
            : _matches[entry.Instrument];

    private static string[] Strings(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : string.Empty).ToArray() : [];

    /// <summary>Reads the (channel, instrument) pairs of a request: top-level product_ids apply to channels named as strings.</summary>
    private bool TryRead(JsonElement root, List<(string Channel, int Instrument)> requests, out string reason)
    {
        reason = string.Empty;
        var products = root.TryGetProperty("product_ids", out var ids) ? Strings(ids) : [];
        if (!root.TryGetProperty("channels", out var channels) || channels.ValueKind != JsonValueKind.Array || channels.GetArrayLength() == 0)
        {
            reason = "No channels provided";
            return false;
        }

        foreach (var channel in channels.EnumerateArray())
        {
            var name = channel.ValueKind == JsonValueKind.String ? channel.GetString()
                : channel.ValueKind == JsonValueKind.Object && channel.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var own = channel.ValueKind == JsonValueKind.Object && channel.TryGetProperty("product_ids", out var p) ? Strings(p) : products;
            if (name is not ("level2" or "matches" or "heartbeat"))
            {
                reason = $"{Printable(name)} is not a valid channel";
                return false;
            }

            if (own.Length == 0)
            {
                reason = $"No product ids provided for {name}";
                return false;
            }

            foreach (var product in own)
            {
                var instrument = Exchange.Market.IndexOf(product);
                if (instrument < 0)
                {
                    reason = $"{Printable(product)} is not a valid product";
                    return false;
                }

                requests.Add((name, instrument));
            }
        }

        return true;
    }

    private void Apply(bool subscribe, List<(string Channel, int Instrument)> requests)
    {
        foreach (var (channel, instrument) in requests)
        {
            var flags = channel switch
            {
                "level2" => _level2,
                "matches" => _matches,
                _ => _heartbeat,
            };
            flags[instrument] = subscribe;
        }

        SendSubscriptions();
        if (!subscribe)
        {
            return;
        }

        foreach (var (channel, instrument) in requests)
        {
            if (channel == "level2")
            {
                SendSnapshot(instrument);
            }
        }
    }

    private void SendSubscriptions()
    {
        Writer.Reset();
        Writer.Raw("{\"type\":\"subscriptions\",\"channels\":["u8);
        var first = true;
        WriteChannel("level2"u8, _level2, ref first);
        WriteChannel("matches"u8, _matches, ref first);
        WriteChannel("heartbeat"u8, _heartbeat, ref first);
        Writer.Raw("]}"u8);
        Sink.Send(Writer.Written);
    }

    private void WriteChannel(ReadOnlySpan<byte> name, bool[] flags, ref bool first)
    {
        if (!flags.Contains(true))
        {
            return;
        }

        Writer.Raw(first ? "{\"name\":\""u8 : ",{\"name\":\""u8);
        Writer.Raw(name);
        Writer.Raw("\",\"product_ids\":["u8);
        var n = 0;
        for (var i = 0; i < flags.Length; i++)
        {
            if (flags[i])
            {
                Writer.Raw(n++ == 0 ? ""u8 : ","u8);
                Writer.Quoted(Exchange.Market[i].Spec.Symbol);
            }
        }

        Writer.Raw("]}"u8);
        first = false;
    }

    private void SendSnapshot(int instrument)
    {
        Writer.Reset();
        lock (Exchange.Gate)
        {
            Exchange.PublishPending(instrument);
            _snapshotIds[instrument] = Exchange.UpdateId(instrument);
            CoinbaseDialect.WriteSnapshot(Writer, Exchange.Market[instrument]);
        }

        Sink.Send(Writer.Written);
        Snapshots++;
    }

    private void Refuse(string message, string reason)
    {
        Refused++;
        Writer.Reset();
        Writer.Raw("{\"type\":\"error\",\"message\":"u8);
        Writer.Quoted(message);
        Writer.Raw(",\"reason\":"u8);
        Writer.Quoted(reason);
        Writer.Byte((byte)'}');
        Sink.Send(Writer.Written);
    }
}
