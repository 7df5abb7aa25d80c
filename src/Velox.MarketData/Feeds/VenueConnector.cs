using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Streams;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;

namespace Velox.MarketData.Feeds;

/// <summary>
/// Drives one venue's public WebSocket for a market-data session: connects (the session then queues its
/// subscriptions), feeds every frame to the session, sends what it queues (including the unsubscribe +
/// subscribe of a book resync), and reconnects with backoff when the socket drops. Agent-style: the owner
/// calls <see cref="DoWork"/> on one thread; nothing blocks except a connect attempt. A venue derives a sealed
/// connector and reaches its session through <typeparamref name="TSession"/>, a struct, so the per-frame call is
/// resolved at compile time (no virtual or interface dispatch per message).
/// </summary>
public abstract class VenueConnector<TMarketData, TSession> : IDisposable
    where TMarketData : struct, IMarketDataHandler
    where TSession : struct, IVenueSessionPort<TMarketData>
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(1);

    private readonly Uri _endpoint;
    private readonly ReconnectPolicy _reconnect;
    private readonly WebSocketClientOptions _socketOptions;
    private readonly IClock _clock;
    private readonly TSession _session;
    private WebSocketConnection? _connection;
    private TMarketData _marketData;
    private long _reconnectAtNanos;
    private bool _stopped;
    private bool _rawConnectionStart;

    protected VenueConnector(
        Uri endpoint, TSession session, TMarketData marketData, ReconnectPolicy reconnect, WebSocketClientOptions? socketOptions, IClock? clock)
    {
        _endpoint = endpoint;
        _session = session;
        _marketData = marketData;
        _reconnect = reconnect;
        _socketOptions = socketOptions ?? new WebSocketClientOptions();
        _clock = clock ?? MonotonicClock.Instance;
    }

    /// <summary>True while a WebSocket is open.</summary>
    public bool IsConnected => _connection is not null;

    /// <summary>Successful connections (the first one included).</summary>
    public long Connects { get; private set; }

    /// <summary>Connect attempts that failed.</summary>
    public long ConnectFailures { get; private set; }

    /// <summary>Connections dropped or closed.</summary>
    public long Disconnects { get; private set; }

    /// <summary>The last connection problem (cold path).</summary>
    public string? LastError { get; protected set; }

    /// <summary>
    /// Optional sink that sees every inbound frame before it is parsed (the raw stream), and the REST responses a
    /// derived connector hands to the session; set before the first <see cref="DoWork"/>.
    /// </summary>
    public IRawFrameSink? RawFrames { get; set; }

    /// <summary>The market-data handler, for reading what it accumulated.</summary>
    public ref TMarketData MarketData => ref _marketData;

    /// <summary>True once <see cref="Stop"/> ran.</summary>
    protected bool IsStopped => _stopped;

    /// <summary>The clock reconnect delays are measured on.</summary>
    protected IClock Clock => _clock;

    /// <summary>One turn of the loop: connect if due, poll frames, send queued requests, venue extras. Returns work done.</summary>
    public int DoWork()
    {
        if (_stopped)
        {
            return 0;
        }

        if (_connection is null)
        {
            return TryConnect() ? 1 : 0;
        }

        var frames = new FrameHandler(this);
        var work = _connection.Poll(ref frames);
        work += Flush();
        work += DoVenueWork();
        if (_connection is not null && _connection.State >= WebSocketConnectionState.Closed)
        {
            Drop($"connection closed ({_connection.CloseStatus})");
            work++;
        }

        return work;
    }

    /// <summary>Closes the WebSocket with 1000 and stops reconnecting.</summary>
    public void Stop()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        OnStopping();
        if (_connection is not null)
        {
            _connection.Close(WebSocketCloseCode.NormalClosure, "shutdown"u8, CloseTimeout);
            _connection.Dispose();
            _connection = null;
        }
    }

    public void Dispose()
    {
        Stop();
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a derived connector owns (after <see cref="Stop"/>).</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>
    /// Passes a REST response the session is about to apply to <see cref="RawFrames"/> (cold path), so a recording
    /// holds it between the frames it was applied between.
    /// </summary>
    protected void RecordRestResponse(ReadOnlySpan<byte> request, ReadOnlySpan<byte> body, long receiveNanos)
    {
        if (RawFrames is { } raw)
        {
            raw.OnRestResponse(request, body, receiveNanos, (int)Connects, _rawConnectionStart);
            _rawConnectionStart = false;
        }
    }

    /// <summary>Venue-specific work per turn while connected (e.g. REST snapshots); returns work done.</summary>
    protected virtual int DoVenueWork() => 0;

    /// <summary>Called once when <see cref="Stop"/> starts.</summary>
    protected virtual void OnStopping()
    {
    }

    private bool TryConnect()
    {
        var now = _clock.NowNanos();
        if (now < _reconnectAtNanos)
        {
            return false;
        }

        try
        {
            _connection = WebSocketClient.Connect(_endpoint, _socketOptions);
        }
        catch (Exception e) when (e is WebSocketHandshakeException or System.Net.Sockets.SocketException or IOException)
        {
            ConnectFailures++;
            LastError = $"connect {_endpoint}: {e.Message}";
            ScheduleReconnect(now);
            return false;
        }

        Connects++;
        _rawConnectionStart = true;
        _reconnect.OnConnected(now);
        _session.OnConnected();
        Flush();
        return true;
    }

    private int Flush()
    {
        var sent = 0;
        var outbound = _session.Outbound;
        while (_connection is not null && outbound.TryPeek(out var message))
        {
            if (!_connection.SendText(message))
            {
                Drop("send failed");
                break;
            }

            outbound.Advance();
            sent++;
        }

        return sent;
    }

    private void Drop(string reason)
    {
        if (_connection is not null)
        {
            if (_connection.State == WebSocketConnectionState.Open)
            {
                _connection.Close(WebSocketCloseCode.NormalClosure, default, CloseTimeout);
            }

            _connection.Dispose();
            _connection = null;
            Disconnects++;
        }

        LastError = reason;
        ScheduleReconnect(_clock.NowNanos());
    }

    private void ScheduleReconnect(long now) =>
        _reconnectAtNanos = now + (long)(_reconnect.NextDelay(now).TotalMilliseconds * 1_000_000);

    private readonly struct FrameHandler : IWebSocketHandler
    {
        private readonly VenueConnector<TMarketData, TSession> _owner;

        public FrameHandler(VenueConnector<TMarketData, TSession> owner) => _owner = owner;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            if (_owner.RawFrames is { } raw)
            {
                raw.OnRawFrame(payload, isText, receiveTimestamp, (int)_owner.Connects, _owner._rawConnectionStart);
                _owner._rawConnectionStart = false;
            }

            _owner._session.ProcessFrame(payload, receiveTimestamp, ref _owner._marketData);
        }

        public void OnClose(int code, ReadOnlySpan<byte> reason)
        {
        }
    }
}
