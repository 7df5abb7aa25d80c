using System.Globalization;
using System.Text.Json;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Faults;

namespace Velox.Simulator.Venues.Okx;

/// <summary>
/// One OKX v5 public WebSocket client: <c>{"op":"subscribe"|"unsubscribe","args":[{"channel","instId"}]}</c>
/// answered with an event per arg, a <c>books</c> snapshot on subscribe (then updates whose seqId is
/// above it), <c>trades</c>, and "ping" → "pong". Faults: dropped update (a seqId gap), wrong checksum,
/// truncated update, disconnect.
/// </summary>
public sealed class OkxConnection : VenueConnection
{
    private readonly bool[] _books;
    private readonly long[] _snapshotIds;
    private readonly bool[] _trades;

    public OkxConnection(VenueExchange exchange, IFrameSink sink)
        : base(exchange, sink)
    {
        var count = exchange.Market.Count;
        _books = new bool[count];
        _snapshotIds = new long[count];
        _trades = new bool[count];
    }

    /// <summary>Snapshots sent.</summary>
    public long Snapshots { get; private set; }

    /// <summary>Requests refused (unknown op, channel or instId, bad JSON).</summary>
    public long Refused { get; private set; }

    /// <inheritdoc />
    public override bool Supports(FaultKind kind) => kind == FaultKind.CorruptChecksum || base.Supports(kind);

    /// <inheritdoc />
    public override void OnClientMessage(ReadOnlySpan<byte> utf8)
    {
        if (utf8.SequenceEqual("ping"u8))
        {
            Sink.Send("pong"u8);
            return;
        }

        try
        {
            using var request = JsonDocument.Parse(utf8.ToArray());
            var root = request.RootElement;
            var op = root.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            if (op is not ("subscribe" or "unsubscribe") || !root.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array)
            {
                Refuse("60012", "Invalid request");
                return;
            }

            foreach (var arg in args.EnumerateArray())
            {
                var channel = arg.ValueKind == JsonValueKind.Object && arg.TryGetProperty("channel", out var c) ? c.GetString() : null;
                var instId = arg.ValueKind == JsonValueKind.Object && arg.TryGetProperty("instId", out var i) ? i.GetString() : null;
                var instrument = instId is null ? -1 : Exchange.Market.IndexOf(instId);
                if (channel is not ("books" or "trades") || instrument < 0)
                {
                    Refuse("60018", $"Wrong URL or channel:{Printable(channel)},instId:{Printable(instId)} doesn't exist.");
                    continue;
                }

                Apply(op == "subscribe", channel == "books", instrument, channel, instId!);
            }
        }
        catch (JsonException)
        {
            Refuse("60012", "Invalid request");
        }
    }

    private protected override bool Wants(in FrameLog.Entry entry) =>
        entry.Stream == VenueStream.Depth
            ? _books[entry.Instrument] && entry.LastId > _snapshotIds[entry.Instrument]
            : _trades[entry.Instrument];

    /// <inheritdoc />
    protected override bool CorruptChecksum(FrameWriter writer)
    {
        var frame = writer.Written;
        var key = "\"checksum\":"u8;
        var at = frame.IndexOf(key);
        if (at < 0)
        {
            return false;
        }

        var start = at + key.Length;
        var end = start;
        while (end < frame.Length && (frame[end] == '-' || char.IsAsciiDigit((char)frame[end])))
        {
            end++;
        }

        if (!int.TryParse(frame[start..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var checksum))
        {
            return false;
        }

        var head = frame[..start].ToArray();
        var tail = frame[end..].ToArray();
        writer.Reset();
        writer.Raw(head);
        writer.Integer(checksum ^ 0x5A5A5A5A);
        writer.Raw(tail);
        return true;
    }

    private void Apply(bool subscribe, bool books, int instrument, string channel, string instId)
    {
        Writer.Reset();
        Writer.Raw(subscribe ? "{\"event\":\"subscribe\",\"arg\":{\"channel\":"u8 : "{\"event\":\"unsubscribe\",\"arg\":{\"channel\":"u8);
        Writer.Quoted(channel);
        Writer.Raw(",\"instId\":"u8);
        Writer.Quoted(instId);
        Writer.Raw("},\"connId\":\"5e1f0c2a\"}"u8);
        Sink.Send(Writer.Written);
        if (!books)
        {
            _trades[instrument] = subscribe;
            return;
        }

        _books[instrument] = subscribe;
        if (!subscribe)
        {
            return;
        }

        _snapshotIds[instrument] = WriteSnapshot(instrument, OkxDialect.WriteSnapshot);
        Sink.Send(Writer.Written);
        Snapshots++;
    }

    private void Refuse(string code, string message)
    {
        Refused++;
        Writer.Reset();
        Writer.Raw("{\"event\":\"error\",\"code\":"u8);
        Writer.Quoted(code);
        Writer.Raw(",\"msg\":"u8);
        Writer.Quoted(message);
        Writer.Raw(",\"connId\":\"5e1f0c2a\"}"u8);
        Sink.Send(Writer.Written);
    }
}
