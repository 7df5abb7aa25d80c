using System.Text.Json;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Faults;

namespace Velox.Simulator.Venues.Htx;

/// <summary>
/// One HTX spot public client (<c>/ws</c>): every frame it is sent is a gzip-compressed binary message.
/// <c>{"sub":"market.&lt;symbol&gt;.depth.step0"|"...trade.detail","id":..}</c> is answered with
/// <c>{"id":..,"status":"ok","subbed":..}</c> (a depth sub then gets the current book at once), unknown topics
/// and bad JSON with <c>"status":"error"</c>. The server sends <c>{"ping":N}</c> every <see cref="PingInterval"/>;
/// a client that leaves <see cref="MaxMissedPings"/> pings in a row without <c>{"pong":N}</c> is disconnected,
/// as HTX does. Faults: corrupt gzip (the member's CRC-32), truncated JSON inside valid gzip, disconnect, and
/// lost pongs (the client is then dropped for missed heartbeats).
/// </summary>
public sealed class HtxConnection : VenueConnection
{
    /// <summary>Pings left unanswered in a row before the server closes the connection.</summary>
    public const int MaxMissedPings = 2;

    private readonly bool[] _books;
    private readonly long[] _snapshotIds;
    private readonly bool[] _trades;
    private readonly GzipFrameWriter _gzip = new();
    private readonly long _pingIntervalNanos;
    private long _nextPingNanos;
    private long _pendingPing = -1;
    private int _missedPings;
    private bool _losePongs;
    private bool _corruptGzipNext;

    public HtxConnection(VenueExchange exchange, IFrameSink sink, TimeSpan pingInterval)
        : base(exchange, sink)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pingInterval, TimeSpan.FromMilliseconds(1));
        var count = exchange.Market.Count;
        _books = new bool[count];
        _snapshotIds = new long[count];
        _trades = new bool[count];
        PingInterval = pingInterval;
        _pingIntervalNanos = (long)(pingInterval.TotalMilliseconds * 1_000_000);
    }

    /// <summary>How often the server pings.</summary>
    public TimeSpan PingInterval { get; }

    /// <summary>Pings sent.</summary>
    public long PingsSent { get; private set; }

    /// <summary>Pongs that answered the outstanding ping.</summary>
    public long PongsReceived { get; private set; }

    /// <summary>True once the server closed the connection for missed pongs.</summary>
    public bool DroppedForMissedPongs { get; private set; }

    /// <summary>Full-book pushes sent on subscribe.</summary>
    public long Snapshots { get; private set; }

    /// <summary>Requests refused (unknown topic, bad JSON).</summary>
    public long Refused { get; private set; }

    /// <inheritdoc />
    public override bool Supports(FaultKind kind) =>
        kind is FaultKind.CorruptChecksum or FaultKind.MalformedJson or FaultKind.Disconnect or FaultKind.MissedPong;

    /// <inheritdoc />
    public override void OnClientMessage(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var request = JsonDocument.Parse(utf8.ToArray());
            var root = request.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Refuse(null, "invalid request");
                return;
            }

            if (root.TryGetProperty("pong", out var pong))
            {
                OnPong(pong);
                return;
            }

            var id = root.TryGetProperty("id", out var i) ? i.GetRawText() : null;
            var subscribe = root.TryGetProperty("sub", out var topic);
            if (!subscribe && !root.TryGetProperty("unsub", out topic))
            {
                Refuse(id, "invalid request");
                return;
            }

            var name = topic.ValueKind == JsonValueKind.String ? topic.GetString()! : string.Empty;
            if (!TryResolve(name, out var instrument, out var depth))
            {
                Refuse(id, $"invalid topic {Printable(name)}");
                return;
            }

            Apply(subscribe, depth, instrument, name, id);
        }
        catch (JsonException)
        {
            Refuse(null, "invalid request");
        }
    }

    private protected override bool Wants(in FrameLog.Entry entry) =>
        entry.Stream == VenueStream.Depth
            ? _books[entry.Instrument] && entry.LastId > _snapshotIds[entry.Instrument]
            : _trades[entry.Instrument];

    /// <inheritdoc />
    protected override bool CorruptChecksum(FrameWriter writer)
    {
        // The frame's checksum is the gzip member's CRC-32: spoiled after compression.
        _corruptGzipNext = true;
        return true;
    }

    /// <inheritdoc />
    protected override void Send(ReadOnlySpan<byte> frame)
    {
        var gzip = _gzip.Compress(frame);
        if (_corruptGzipNext)
        {
            _corruptGzipNext = false;
            gzip[^8] ^= 0xFF;
        }

        Sink.SendBinary(gzip);
    }

    /// <inheritdoc />
    protected override int Heartbeat(long nowNanos)
    {
        if (_nextPingNanos == 0)
        {
            _nextPingNanos = nowNanos + _pingIntervalNanos;
        }

        if (nowNanos < _nextPingNanos)
        {
            return 0;
        }

        _nextPingNanos = nowNanos + _pingIntervalNanos;
        if (_pendingPing >= 0 && ++_missedPings >= MaxMissedPings)
        {
            DroppedForMissedPongs = true;
            Close();
            return 1;
        }

        // Unique and increasing even when two pings fall in the same exchange millisecond.
        _pendingPing = Math.Max(Exchange.NowMillis, _pendingPing + 1);
        Writer.Reset();
        Writer.Raw("{\"ping\":"u8);
        Writer.Integer(_pendingPing);
        Writer.Byte((byte)'}');
        Send(Writer.Written);
        PingsSent++;
        return 1;
    }

    /// <inheritdoc />
    protected override void OnFault(FaultKind kind) => _losePongs |= kind == FaultKind.MissedPong;

    private void OnPong(JsonElement pong)
    {
        if (_losePongs || pong.ValueKind != JsonValueKind.Number || !pong.TryGetInt64(out var number) || number != _pendingPing)
        {
            return;
        }

        PongsReceived++;
        _pendingPing = -1;
        _missedPings = 0;
    }

    private bool TryResolve(string topic, out int instrument, out bool depth)
    {
        instrument = -1;
        depth = topic.EndsWith(".depth.step0", StringComparison.Ordinal);
        var trades = topic.EndsWith(".trade.detail", StringComparison.Ordinal);
        if (!topic.StartsWith("market.", StringComparison.Ordinal) || !(depth || trades))
        {
            return false;
        }

        var symbol = topic["market.".Length..topic.IndexOf('.', "market.".Length)];
        instrument = Exchange.Market.IndexOf(symbol);
        return instrument >= 0;
    }

    private void Apply(bool subscribe, bool depth, int instrument, string topic, string? id)
    {
        Writer.Reset();
        Writer.Byte((byte)'{');
        WriteId(id);
        Writer.Raw(subscribe ? "\"status\":\"ok\",\"subbed\":"u8 : "\"status\":\"ok\",\"unsubbed\":"u8);
        Writer.Quoted(topic);
        Writer.Raw(",\"ts\":"u8);
        Writer.Integer(Exchange.NowMillis);
        Writer.Byte((byte)'}');
        Send(Writer.Written);
        (depth ? _books : _trades)[instrument] = subscribe;
        if (depth && subscribe)
        {
            _snapshotIds[instrument] = WriteSnapshot(instrument, HtxDialect.WriteBook);
            Send(Writer.Written);
            Snapshots++;
        }
    }

    private void Refuse(string? id, string message)
    {
        Refused++;
        Writer.Reset();
        Writer.Byte((byte)'{');
        WriteId(id);
        Writer.Raw("\"status\":\"error\",\"ts\":"u8);
        Writer.Integer(Exchange.NowMillis);
        Writer.Raw(",\"err-code\":\"bad-request\",\"err-msg\":"u8);
        Writer.Quoted(message);
        Writer.Byte((byte)'}');
        Send(Writer.Written);
    }

    private void WriteId(string? id)
    {
        if (id is null)
        {
            return;
        }

        Writer.Raw("\"id\":"u8);
        Writer.Raw(System.Text.Encoding.UTF8.GetBytes(id));
        Writer.Byte((byte)',');
    }
}
