using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Venues.Bybit.Session;

namespace Velox.Venues.Bybit.Connection;

/// <summary>
/// Drives one Bybit v5 public WebSocket (one category): connects (the session then queues its subscriptions), feeds every
/// frame to the <see cref="BybitMarketDataSession"/>, sends what it queues (including the unsubscribe +
/// subscribe of a book resync), and reconnects with backoff when the socket drops. Agent-style: the
/// owner calls <see cref="DoWork"/> on one thread; nothing blocks except a connect attempt.
/// </summary>
public sealed class BybitConnector<TMarketData> : IDisposable
    where TMarketData : struct, IMarketDataHandler
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(1);

    private readonly Uri _endpoint;
    private readonly ReconnectPolicy _reconnect;
    private readonly WebSocketClientOptions _socketOptions;
    private readonly IClock _clock;
    private WebSocketConnection? _connection;
    private TMarketData _marketData;
    private long _reconnectAtNanos;
    private bool _stopped;

    public BybitConnector(
        Uri endpoint, BybitMarketDataSession session, TMarketData marketData, ReconnectPolicy reconnect,
        WebSocketClientOptions? socketOptions = null, IClock? clock = null)
    {
        _endpoint = endpoint;
        Session = session;
        _marketData = marketData;
        _reconnect = reconnect;
        _socketOptions = socketOptions ?? new WebSocketClientOptions();
        _clock = clock ?? MonotonicClock.Instance;
    }

    public BybitMarketDataSession Session { get; }

    /// <summary>True while a WebSocket is open.</summary>
    public bool IsConnected => _connection is not null;

    /// <summary>Successful connections (the first one included).</summary>
    public long Connects { get; private set; }

    /// <summary>Connect attempts that failed.</summary>
    public long ConnectFailures { get; private set; }

    /// <summary>Connections dropped or closed.</summary>
    public long Disconnects { get; private set; }

    /// <summary>The last connection problem (cold path).</summary>
    public string? LastError { get; private set; }

    /// <summary>The market-data handler, for reading what it accumulated.</summary>
    public ref TMarketData MarketData => ref _marketData;

    /// <summary>One turn of the loop: connect if due, poll frames, send queued requests. Returns work done.</summary>
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
        _stopped = true;
        if (_connection is not null)
        {
            _connection.Close(WebSocketCloseCode.NormalClosure, "shutdown"u8, CloseTimeout);
            _connection.Dispose();
            _connection = null;
        }
    }

    public void Dispose() => Stop();

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
        _reconnect.OnConnected(now);
        Session.OnConnected();
        Flush();
        return true;
    }

    private int Flush()
    {
        var sent = 0;
        while (_connection is not null && Session.Outbound.TryPeek(out var message))
        {
            if (!_connection.SendText(message))
            {
                Drop("send failed");
                break;
            }

            Session.Outbound.Advance();
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
        private readonly BybitConnector<TMarketData> _owner;

        public FrameHandler(BybitConnector<TMarketData> owner) => _owner = owner;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp) =>
            _owner.Session.ProcessFrame(payload, receiveTimestamp, ref _owner._marketData);

        public void OnClose(int code, ReadOnlySpan<byte> reason)
        {
        }
    }
}
