using System.Globalization;
using System.Text;
using System.Text.Json;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Faults;

namespace Velox.Simulator.Venues.Kraken;

/// <summary>
/// One Kraken v1 public client: <c>systemStatus</c> on connect; <c>{"event":"subscribe"|"unsubscribe","pair":[..],
/// "subscription":{"name":"book","depth":1000}|{"name":"trade"}}</c> answered with <c>subscriptionStatus</c>
/// (a fresh channelID per subscription), a book snapshot, then updates; <c>ping</c> → <c>pong</c>. Kraken has
/// no sequence numbers: a lost or unreadable update shows only through the checksum, so the gap and malformed
/// faults spoil the next update that changes the checksummed top 10 (a lost change deeper in the book is
/// invisible on this venue).
/// Faults: gap, wrong checksum, truncated update, disconnect.
/// </summary>
public sealed class KrakenConnection : VenueConnection
{
    private readonly long[] _bookChannels;
    private readonly long[] _tradeChannels;
    private readonly long[] _snapshotIds;
    private readonly uint[] _lastChecksums;
    private readonly byte[][] _pairs;
    private long _nextChannelId = 336;
    private bool _renderedTopChange;

    public KrakenConnection(VenueExchange exchange, IFrameSink sink)
        : base(exchange, sink)
    {
        var count = exchange.Market.Count;
        _bookChannels = new long[count];
        _tradeChannels = new long[count];
        _snapshotIds = new long[count];
        _lastChecksums = new uint[count];
        _pairs = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            _bookChannels[i] = -1;
            _tradeChannels[i] = -1;
            _pairs[i] = Encoding.ASCII.GetBytes(exchange.Market[i].Spec.Symbol);
        }
    }

    /// <summary>Snapshots sent.</summary>
    public long Snapshots { get; private set; }

    /// <inheritdoc />
    public override bool Supports(FaultKind kind) => kind == FaultKind.CorruptChecksum || base.Supports(kind);

    /// <inheritdoc />
    public override void Open()
    {
        base.Open();
        Sink.Send("{\"connectionID\":8628615390848610000,\"event\":\"systemStatus\",\"status\":\"online\",\"version\":\"1.9.1\"}"u8);
    }

    /// <inheritdoc />
    public override void OnClientMessage(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var request = JsonDocument.Parse(utf8.ToArray());
            var root = request.RootElement;
            var name = root.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (name == "ping")
            {
                Writer.Reset();
                Writer.Raw("{\"event\":\"pong\",\"reqid\":"u8);
                Writer.Integer(root.TryGetProperty("reqid", out var id) && id.TryGetInt64(out var reqid) ? reqid : 0);
                Writer.Byte((byte)'}');
                Sink.Send(Writer.Written);
                return;
            }

            if (name is not ("subscribe" or "unsubscribe") || !root.TryGetProperty("pair", out var pairs) || pairs.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("subscription", out var subscription) || !subscription.TryGetProperty("name", out var channelElement))
            {
                Error("Malformed request");
                return;
            }

            var channel = channelElement.GetString();
            var depth = subscription.TryGetProperty("depth", out var d) && d.TryGetInt32(out var parsed) ? parsed : 10;
            if (channel is not ("book" or "trade") || (channel == "book" && depth != KrakenDialect.BookDepth))
            {
                Error(channel == "book" ? $"Subscription book depth {depth} not served by the simulator (only {KrakenDialect.BookDepth})" : "Subscription name invalid");
                return;
            }

            foreach (var pair in pairs.EnumerateArray())
            {
                var instrument = pair.ValueKind == JsonValueKind.String ? Exchange.Market.IndexOf(pair.GetString()) : -1;
                if (instrument < 0)
                {
                    Error("Currency pair not supported");
                    continue;
                }

                Apply(name == "subscribe", channel == "book", instrument);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            Error("Malformed request");
        }
    }

    private protected override bool Wants(in FrameLog.Entry entry)
    {
        if (entry.Stream == VenueStream.Trade)
        {
            return _tradeChannels[entry.Instrument] >= 0;
        }

        return _bookChannels[entry.Instrument] >= 0 && entry.LastId > _snapshotIds[entry.Instrument];
    }

    private protected override void Render(in FrameLog.Entry entry, ReadOnlySpan<byte> frame, FrameWriter writer)
    {
        var book = entry.Stream == VenueStream.Depth;
        writer.Byte((byte)'[');
        writer.Integer(book ? _bookChannels[entry.Instrument] : _tradeChannels[entry.Instrument]);
        writer.Byte((byte)',');
        writer.Raw(frame);
        writer.Raw(book ? ",\"book-1000\",\""u8 : ",\"trade\",\""u8);
        writer.Raw(_pairs[entry.Instrument]);
        writer.Raw("\"]"u8);
        _renderedTopChange = false;
        if (book && TryReadChecksum(writer.Written, out _, out _, out var checksum))
        {
            _renderedTopChange = checksum != _lastChecksums[entry.Instrument];
            _lastChecksums[entry.Instrument] = checksum;
        }
    }

    /// <inheritdoc />
    protected override bool IsFaultTarget(FrameWriter writer) => _renderedTopChange;

    /// <inheritdoc />
    protected override bool CorruptChecksum(FrameWriter writer)
    {
        if (!TryReadChecksum(writer.Written, out var start, out var end, out var checksum))
        {
            return false;
        }

        var frame = writer.Written;
        var head = frame[..start].ToArray();
        var tail = frame[end..].ToArray();
        writer.Reset();
        writer.Raw(head);
        writer.Integer(checksum ^ 0x5A5A5A5Au);
        writer.Raw(tail);
        return true;
    }

    private static bool TryReadChecksum(ReadOnlySpan<byte> frame, out int start, out int end, out uint checksum)
    {
        var key = "\"c\":\""u8;
        var at = frame.LastIndexOf(key);
        start = at + key.Length;
        end = at < 0 ? -1 : start + frame[start..].IndexOf((byte)'"');
        checksum = 0;
        return at >= 0 && end > start && uint.TryParse(frame[start..end], NumberStyles.None, CultureInfo.InvariantCulture, out checksum);
    }

    private void Apply(bool subscribe, bool book, int instrument)
    {
        var channels = book ? _bookChannels : _tradeChannels;
        if (subscribe == channels[instrument] >= 0)
        {
            Error(subscribe ? "Already subscribed" : "Subscription Not Found");
            return;
        }

        var channelId = subscribe ? _nextChannelId++ : channels[instrument];
        Writer.Reset();
        Writer.Raw("{\"channelID\":"u8);
        Writer.Integer(channelId);
        Writer.Raw(book ? ",\"channelName\":\"book-1000\",\"event\":\"subscriptionStatus\",\"pair\":\""u8 : ",\"channelName\":\"trade\",\"event\":\"subscriptionStatus\",\"pair\":\""u8);
        Writer.Raw(_pairs[instrument]);
        Writer.Raw(subscribe ? "\",\"status\":\"subscribed\""u8 : "\",\"status\":\"unsubscribed\""u8);
        Writer.Raw(book ? ",\"subscription\":{\"depth\":1000,\"name\":\"book\"}}"u8 : ",\"subscription\":{\"name\":\"trade\"}}"u8);
        Sink.Send(Writer.Written);
        channels[instrument] = subscribe ? channelId : -1;
        if (!subscribe || !book)
        {
            return;
        }

        Writer.Reset();
        Writer.Byte((byte)'[');
        Writer.Integer(channelId);
        Writer.Byte((byte)',');
        lock (Exchange.Gate)
        {
            Exchange.PublishPending(instrument);
            _snapshotIds[instrument] = Exchange.UpdateId(instrument);
            _lastChecksums[instrument] = KrakenDialect.Checksum(Exchange.Market[instrument]);
            KrakenDialect.WriteSnapshot(Writer, Exchange.Market[instrument], Exchange.NowMillis);
        }

        Writer.Raw(",\"book-1000\",\""u8);
        Writer.Raw(_pairs[instrument]);
        Writer.Raw("\"]"u8);
        Sink.Send(Writer.Written);
        Snapshots++;
    }

    private void Error(string message)
    {
        Writer.Reset();
        Writer.Raw("{\"errorMessage\":"u8);
        Writer.Quoted(message);
        Writer.Raw(",\"event\":\"subscriptionStatus\",\"status\":\"error\"}"u8);
        Sink.Send(Writer.Written);
    }
}
