using System.Text;
using System.Text.Json;
using Velox.Simulator.Bitfinex;

namespace Velox.Simulator.Venues.Bybit;

/// <summary>
/// One Bybit v5 public spot client: <c>{"op":"subscribe"|"unsubscribe","args":[topics]}</c> answered with
/// one <c>{"success":..,"op":..}</c> reply, an <c>orderbook.1000</c> snapshot per book topic, then deltas whose
/// <c>u</c> is the previous one + 1 on this connection; <c>publicTrade</c>; <c>{"op":"ping"}</c> → pong.
/// Faults: dropped delta (a u gap), truncated delta, disconnect.
/// </summary>
public sealed class BybitConnection : VenueConnection
{
    private readonly bool[] _books;
    private readonly long[] _snapshotIds;
    private readonly long[] _updateIds;
    private readonly bool[] _trades;
    private readonly byte[][] _bookTopics;
    private readonly FrameWriter _snapshotBody = new();

    public BybitConnection(VenueExchange exchange, IFrameSink sink)
        : base(exchange, sink)
    {
        var count = exchange.Market.Count;
        _books = new bool[count];
        _snapshotIds = new long[count];
        _updateIds = new long[count];
        _trades = new bool[count];
        _bookTopics = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            _bookTopics[i] = Encoding.ASCII.GetBytes($"orderbook.{BybitDialect.BookDepth}.{exchange.Market[i].Spec.Symbol}");
            _updateIds[i] = 100_000 * (i + 1);
        }
    }

    /// <summary>Snapshots sent.</summary>
    public long Snapshots { get; private set; }

    /// <inheritdoc />
    public override void OnClientMessage(ReadOnlySpan<byte> utf8)
    {
        string? op = null;
        var ok = false;
        var snapshots = new List<int>();
        try
        {
            using var request = JsonDocument.Parse(utf8.ToArray());
            var root = request.RootElement;
            op = root.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            if (op == "ping")
            {
                Reply("ping", true, "pong"u8);
                return;
            }

            if (op is ("subscribe" or "unsubscribe") && root.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array)
            {
                ok = true;
                foreach (var arg in args.EnumerateArray())
                {
                    ok &= arg.ValueKind == JsonValueKind.String && Set(arg.GetString()!, op == "subscribe", snapshots);
                }
            }
        }
        catch (JsonException)
        {
            ok = false;
        }

        Reply(op ?? "unknown", ok, ok ? ""u8 : "error:handler not found"u8);
        foreach (var instrument in snapshots)
        {
            SendSnapshot(instrument);
        }
    }

    private protected override bool Wants(in FrameLog.Entry entry) =>
        entry.Stream == VenueStream.Depth
            ? _books[entry.Instrument] && entry.LastId > _snapshotIds[entry.Instrument]
            : _trades[entry.Instrument];

    private protected override void Render(in FrameLog.Entry entry, ReadOnlySpan<byte> frame, FrameWriter writer)
    {
        if (entry.Stream == VenueStream.Trade)
        {
            writer.Raw(frame);
            return;
        }

        // A delta dropped by a fault still used its u: that is the gap the client must see.
        WriteBook(writer, entry.Instrument, "delta"u8, frame, ++_updateIds[entry.Instrument], entry.LastId);
    }

    private void WriteBook(FrameWriter writer, int instrument, ReadOnlySpan<byte> type, ReadOnlySpan<byte> body, long updateId, long crossSequence)
    {
        writer.Raw("{\"topic\":\""u8);
        writer.Raw(_bookTopics[instrument]);
        writer.Raw("\",\"type\":\""u8);
        writer.Raw(type);
        writer.Raw("\",\"ts\":"u8);
        writer.Integer(Exchange.NowMillis);
        writer.Raw(",\"data\":{"u8);
        writer.Raw(body);
        writer.Raw(",\"u\":"u8);
        writer.Integer(updateId);
        writer.Raw(",\"seq\":"u8);
        writer.Integer(crossSequence);
        writer.Raw("},\"cts\":"u8);
        writer.Integer(Exchange.NowMillis);
        writer.Byte((byte)'}');
    }

    private void SendSnapshot(int instrument)
    {
        _snapshotBody.Reset();
        Writer.Reset();
        lock (Exchange.Gate)
        {
            Exchange.PublishPending(instrument);
            _snapshotIds[instrument] = Exchange.UpdateId(instrument);
            BybitDialect.WriteSnapshotBody(_snapshotBody, Exchange.Market[instrument]);
            WriteBook(Writer, instrument, "snapshot"u8, _snapshotBody.Written, ++_updateIds[instrument], _snapshotIds[instrument]);
        }

        Sink.Send(Writer.Written);
        Snapshots++;
    }

    private bool Set(string topic, bool subscribe, List<int> snapshots)
    {
        for (var i = 0; i < _bookTopics.Length; i++)
        {
            var symbol = Exchange.Market[i].Spec.Symbol;
            if (topic == $"publicTrade.{symbol}")
            {
                _trades[i] = subscribe;
                return true;
            }

            if (Encoding.ASCII.GetBytes(topic).AsSpan().SequenceEqual(_bookTopics[i]))
            {
                _books[i] = subscribe;
                if (subscribe)
                {
                    snapshots.Add(i);
                }

                return true;
            }
        }

        return false;
    }

    private void Reply(string op, bool success, ReadOnlySpan<byte> message)
    {
        Writer.Reset();
        Writer.Raw(success ? "{\"success\":true,\"ret_msg\":\""u8 : "{\"success\":false,\"ret_msg\":\""u8);
        Writer.Raw(message);
        Writer.Raw("\",\"conn_id\":\"sim-bybit\",\"op\":"u8);
        Writer.Quoted(op);
        Writer.Byte((byte)'}');
        Sink.Send(Writer.Written);
    }
}
