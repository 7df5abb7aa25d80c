using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Rest;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Venues.Binance.Session;

namespace Velox.Venues.Binance.Connection;

/// <summary>
/// Drives one Binance WebSocket: connects (the session then queues its SUBSCRIBEs), feeds every frame
/// to the <see cref="BinanceMarketDataSession"/>, sends what it queues, fetches the REST depth snapshots
/// it asks for (one at a time, through an <see cref="ISnapshotClient"/>, off-thread) and hands them back,
/// and reconnects with backoff when the socket drops. Agent-style: the owner calls <see cref="DoWork"/>
/// on one thread; nothing blocks except a connect attempt.
/// </summary>
public sealed class BinanceConnector<TMarketData> : IDisposable
    where TMarketData : struct, IMarketDataHandler
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(1);

    private readonly Uri _endpoint;
    private readonly ISnapshotClient _snapshots;
    private readonly ReconnectPolicy _reconnect;
    private readonly WebSocketClientOptions _socketOptions;
    private readonly IClock _clock;
    private readonly CancellationTokenSource _stop = new();
    private WebSocketConnection? _connection;
    private TMarketData _marketData;
    private Task<SnapshotResponse>? _fetch;
    private BinanceSymbol? _fetchSymbol;
    private long _fetchConnection;
    private long _reconnectAtNanos;
    private bool _stopped;

    public BinanceConnector(
        Uri endpoint, BinanceMarketDataSession session, ISnapshotClient snapshots, TMarketData marketData, ReconnectPolicy reconnect,
        WebSocketClientOptions? socketOptions = null, IClock? clock = null)
    {
        _endpoint = endpoint;
        Session = session;
        _snapshots = snapshots;
        _marketData = marketData;
        _reconnect = reconnect;
        _socketOptions = socketOptions ?? new WebSocketClientOptions();
        _clock = clock ?? MonotonicClock.Instance;
    }

    public BinanceMarketDataSession Session { get; }

    /// <summary>True while a WebSocket is open.</summary>
    public bool IsConnected => _connection is not null;

    /// <summary>Successful connections (the first one included).</summary>
    public long Connects { get; private set; }

    /// <summary>Connect attempts that failed.</summary>
    public long ConnectFailures { get; private set; }

    /// <summary>Connections dropped or closed.</summary>
    public long Disconnects { get; private set; }

    /// <summary>Snapshot fetches that failed after the client's retries (the book asks again).</summary>
    public long SnapshotFailures { get; private set; }

    /// <summary>The last connection or snapshot problem (cold path).</summary>
    public string? LastError { get; private set; }

    /// <summary>The market-data handler, for reading what it accumulated.</summary>
    public ref TMarketData MarketData => ref _marketData;

    /// <summary>One turn of the loop: connect if due, poll frames, send queued requests, move snapshots along. Returns work done.</summary>
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
        work += PumpSnapshots();
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
        _stop.Cancel();
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
        _stop.Dispose();
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
        _reconnect.OnConnected(now);
        Session.OnConnected();
        Flush();
        return true;
    }

    private int PumpSnapshots()
    {
        var work = 0;
        if (_fetch is { IsCompleted: true })
        {
            var response = _fetch.IsCompletedSuccessfully ? _fetch.Result : null;
            var symbol = _fetchSymbol!;
            _fetch = null;
            _fetchSymbol = null;
            work++;

            // A snapshot asked for on an earlier connection is dropped: the book was reset and asks again.
            if (_fetchConnection == Connects)
            {
                if (response is { Status: SnapshotStatus.Ok, Body: { } body })
                {
                    Session.ApplySnapshot(symbol, body, Session.SnapshotDepth, MonotonicClock.Now(), ref _marketData);
                }
                else
                {
                    SnapshotFailures++;
                    LastError = $"snapshot {symbol.Instrument.Symbol}: {response?.Status.ToString() ?? "failed"} (HTTP {response?.HttpStatus ?? 0})";
                    symbol.Depth?.SnapshotFailed();
                }
            }
        }

        if (_fetch is null && Session.TryTakeSnapshotRequest(out var next))
        {
            _fetchSymbol = next;
            _fetchConnection = Connects;
            _fetch = _snapshots.FetchAsync(Session.SnapshotPath(next), Session.SnapshotWeight, _stop.Token);
            work++;
        }

        return work;
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
        private readonly BinanceConnector<TMarketData> _owner;

        public FrameHandler(BinanceConnector<TMarketData> owner) => _owner = owner;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp) =>
            _owner.Session.ProcessFrame(payload, receiveTimestamp, ref _owner._marketData);

        public void OnClose(int code, ReadOnlySpan<byte> reason)
        {
        }
    }
}
