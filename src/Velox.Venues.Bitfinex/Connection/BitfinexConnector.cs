using Velox.Core.Metrics;
using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Streams;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Venues.Bitfinex.Connection;

/// <summary>
/// Drives one Bitfinex public WebSocket: connects, feeds every frame to the
/// <see cref="BitfinexMarketDataSession"/>, sends what the session queues (conf, subscribe, resubscribe),
/// and reconnects with backoff when the server asks (info 20051), the socket drops, or the sequence breaks.
/// Agent-style: the owner calls <see cref="DoWork"/> in its loop on one thread; nothing blocks except a
/// connect attempt. Normalized events go to <typeparamref name="TMarketData"/> without allocation.
/// </summary>
public sealed class BitfinexConnector<TMarketData> : IOutboundSender, IFrameTiming, IDisposable
    where TMarketData : struct, IMarketDataHandler
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(1);

    private readonly Uri _endpoint;
    private readonly WebSocketClientOptions _socketOptions;
    private readonly ReconnectPolicy _reconnect;
    private readonly IClock _clock;
    private WebSocketConnection? _connection;
    private TMarketData _marketData;
    private long _reconnectAtNanos;
    private bool _connectionStart;
    private bool _polling;
    private long _readTimestamp;

    public BitfinexConnector(
        Uri endpoint, BitfinexMarketDataSession session, TMarketData marketData, ReconnectPolicy reconnect,
        WebSocketClientOptions? socketOptions = null, IClock? clock = null)
    {
        _endpoint = endpoint;
        Session = session;
        _marketData = marketData;
        _reconnect = reconnect;
        _socketOptions = socketOptions ?? new WebSocketClientOptions();
        _clock = clock ?? MonotonicClock.Instance;
    }

    public BitfinexMarketDataSession Session { get; }

    public BitfinexConnectorState State { get; private set; }

    /// <summary>Time from the socket read returning to the frame's book change applied (ns), book frames only.</summary>
    public LatencyHistogram ParseToBook { get; } = new();

    /// <summary>Monotonic ns taken right before the latest queued message was handed to the socket's send (0 before the first).</summary>
    public long LastSendNanos { get; private set; }

    public bool TimeFrames { get; set; }

    public long FrameStartNanos { get; private set; }

    public int FrameIndexInRead { get; private set; }

    public long SendNanosTotal { get; private set; }

    /// <summary>Successful connections (the first one included).</summary>
    public long Connects { get; private set; }

    /// <summary>Connect attempts that failed.</summary>
    public long ConnectFailures { get; private set; }

    /// <summary>Connections dropped or closed, by the peer or by us to reconnect.</summary>
    public long Disconnects { get; private set; }

    /// <summary>The last connection problem, for logs and status (cold path).</summary>
    public string? LastError { get; private set; }

    /// <summary>Counters of the open WebSocket, if any.</summary>
    public WebSocketConnection? Connection => _connection;

    /// <summary>Optional sink that sees every inbound frame before it is parsed (the raw stream); set before the first <see cref="DoWork"/>.</summary>
    public IRawFrameSink? RawFrames { get; set; }

    /// <summary>The market-data handler, for reading what it accumulated.</summary>
    public ref TMarketData MarketData => ref _marketData;

    /// <summary>One turn of the loop: connect if due, poll frames, send queued requests. Returns work done.</summary>
    public int DoWork()
    {
        if (State == BitfinexConnectorState.Stopped)
        {
            return 0;
        }

        if (_connection is null)
        {
            return TryConnect() ? 1 : 0;
        }

        var frames = new FrameHandler(this);
        _polling = true;
        var work = _connection.Poll(ref frames);
        _polling = false;
        work += Flush();
        work += Session.AccountChannel?.Poll() ?? 0;
        var requests = Session.TakeRequests();
        if (requests != SessionRequest.None)
        {
            OnRequests(requests);
            work++;
        }

        if (_connection is not null && _connection.State >= WebSocketConnectionState.Closed)
        {
            Drop($"connection closed ({_connection.CloseStatus})");
            work++;
        }

        return work;
    }

    /// <summary>
    /// An idle loop's wait: blocks up to <paramref name="timeout"/> until the socket has bytes to read, so the next
    /// frame is read as soon as it arrives instead of after a fixed park. False without an open connection (nothing
    /// to wait on: the caller parks instead).
    /// </summary>
    public bool WaitForFrames(TimeSpan timeout)
    {
        if (_connection is null)
        {
            return false;
        }

        _connection.WaitReadable(timeout);
        return true;
    }

    /// <summary>Closes the WebSocket with 1000 and stops reconnecting.</summary>
    public void Stop()
    {
        if (_connection is not null)
        {
            _connection.Close(WebSocketCloseCode.NormalClosure, "shutdown"u8, CloseTimeout);
            _connection.Dispose();
            _connection = null;
            Session.OnDisconnected();
        }

        State = BitfinexConnectorState.Stopped;
    }

    public void Dispose() => Stop();

    /// <summary>
    /// Sends what is queued now (e.g. an order frame written outside <see cref="DoWork"/>, or by a handler while
    /// a frame is being processed); returns messages sent. A failed send during a poll leaves the message queued
    /// and the connection is dropped after the poll.
    /// </summary>
    public int FlushOutbound() => _connection is null ? 0 : Flush();

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
        _connectionStart = true;
        State = BitfinexConnectorState.Connected;
        _reconnect.OnConnected(now);
        Session.OnConnected();
        Flush();
        return true;
    }

    private int Flush()
    {
        var connection = _connection;
        if (connection is null || Session.Outbound.Count == 0)
        {
            return 0;
        }

        // Several queued messages (a decision's cancels and orders) leave in one write: one send() instead of one each.
        var batch = Session.Outbound.Count > 1;
        if (batch)
        {
            connection.BeginBatch();
        }

        var sent = 0;
        var ok = true;
        var start = MonotonicClock.Now();
        while (Session.Outbound.TryPeek(out var message))
        {
            if (!connection.SendText(message))
            {
                ok = false;
                break;
            }

            Session.Outbound.Advance();
            sent++;
        }

        if (batch)
        {
            // The batch's bytes reach send() here: that is the time an order's tick-to-trade ends.
            start = MonotonicClock.Now();
            ok = connection.EndBatch() && ok;
        }

        LastSendNanos = start;
        if (TimeFrames)
        {
            SendNanosTotal += MonotonicClock.Now() - start;
        }

        if (!ok && !_polling)
        {
            Drop("send failed");
        }

        return sent;
    }

    private void OnRequests(SessionRequest requests)
    {
        if ((requests & SessionRequest.Reconnect) != 0)
        {
            // Info 20051: the server is restarting; a fresh connection is the documented response.
            Drop("server asked to reconnect (20051)");
            return;
        }

        if ((requests & SessionRequest.Resync) != 0)
        {
            // SEQ_ALL numbers belong to the connection; after a gap only a new connection re-establishes them.
            Drop("sequence gap");
        }
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
            Session.OnDisconnected();
        }

        LastError = reason;
        State = BitfinexConnectorState.Disconnected;
        ScheduleReconnect(_clock.NowNanos());
    }

    private void ScheduleReconnect(long now) =>
        _reconnectAtNanos = now + (long)(_reconnect.NextDelay(now).TotalMilliseconds * 1_000_000);

    private readonly struct FrameHandler : IWebSocketHandler
    {
        private readonly BitfinexConnector<TMarketData> _owner;

        public FrameHandler(BitfinexConnector<TMarketData> owner) => _owner = owner;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            if (_owner.TimeFrames)
            {
                _owner.FrameStartNanos = MonotonicClock.Now();
                _owner.FrameIndexInRead = receiveTimestamp == _owner._readTimestamp ? _owner.FrameIndexInRead + 1 : 0;
                _owner._readTimestamp = receiveTimestamp;
            }

            if (_owner.RawFrames is { } raw)
            {
                raw.OnRawFrame(payload, isText, receiveTimestamp, (int)_owner.Connects, _owner._connectionStart);
                _owner._connectionStart = false;
            }

            var outcome = _owner.Session.ProcessFrame(payload, receiveTimestamp, ref _owner._marketData);
            if (outcome is FrameOutcome.BookUpdate or FrameOutcome.BookSnapshot)
            {
                _owner.ParseToBook.Record(MonotonicClock.Now() - receiveTimestamp);
            }
        }

        public void OnClose(int code, ReadOnlySpan<byte> reason)
        {
        }
    }
}
