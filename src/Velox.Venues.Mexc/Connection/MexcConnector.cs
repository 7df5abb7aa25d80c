using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.MarketData.Rest;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Venues.Mexc.Session;

namespace Velox.Venues.Mexc.Connection;

/// <summary>
/// Drives one MEXC WebSocket for a <see cref="MexcMarketDataSession"/>: connect, feed frames, send what the session
/// queues, fetch the REST depth snapshots its books ask for (one at a time, off-thread) and hand them back, send the
/// keep-alive PING every <see cref="PingInterval"/> (MEXC drops a connection without traffic), reconnect with backoff.
/// Written from the documentation: NOT verified on real MEXC traffic.
/// </summary>
public sealed class MexcConnector<TMarketData> : VenueConnector<TMarketData, MexcSessionPort<TMarketData>>
    where TMarketData : struct, IMarketDataHandler
{
    private readonly SnapshotFetcher<MexcSymbol> _snapshots;
    private readonly long _pingIntervalNanos;
    private long _nextPingNanos;

    public MexcConnector(
        Uri endpoint, MexcMarketDataSession session, ISnapshotClient snapshots, TMarketData marketData, ReconnectPolicy reconnect,
        TimeSpan? pingInterval = null, WebSocketClientOptions? socketOptions = null, IClock? clock = null)
        : base(endpoint, new MexcSessionPort<TMarketData>(session), marketData, reconnect, socketOptions, clock)
    {
        Session = session;
        _snapshots = new SnapshotFetcher<MexcSymbol>(snapshots);
        PingInterval = pingInterval ?? TimeSpan.FromSeconds(20);
        _pingIntervalNanos = (long)(PingInterval.TotalMilliseconds * 1_000_000);
    }

    public MexcMarketDataSession Session { get; }

    /// <summary>How often the keep-alive PING is sent.</summary>
    public TimeSpan PingInterval { get; }

    /// <summary>Snapshot fetches that failed after the client's retries (the book asks again).</summary>
    public long SnapshotFailures => _snapshots.Failures;

    /// <summary>PINGs queued.</summary>
    public long Pings { get; private set; }

    /// <summary>Moves REST snapshots along and sends the PING when due.</summary>
    protected override int DoVenueWork() => PumpSnapshots() + Ping();

    protected override void OnStopping() => _snapshots.Cancel();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _snapshots.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Ping()
    {
        var now = Clock.NowNanos();
        if (_nextPingNanos == 0)
        {
            _nextPingNanos = now + _pingIntervalNanos;
        }

        if (now < _nextPingNanos)
        {
            return 0;
        }

        _nextPingNanos = now + _pingIntervalNanos;
        Pings += Session.QueuePing() ? 1 : 0;
        return 1;
    }

    private int PumpSnapshots()
    {
        var work = 0;
        if (_snapshots.TryCollect(Connects, out var symbol, out var body, out var failure))
        {
            work++;
            if (body is not null)
            {
                Session.ApplySnapshot(symbol, body, MonotonicClock.Now(), ref MarketData);
            }
            else if (failure is not null)
            {
                LastError = failure;
                symbol.Depth.SnapshotFailed();
            }
        }

        if (!_snapshots.IsBusy && Session.TryTakeSnapshotRequest(out var next))
        {
            _snapshots.Start(next, Session.SnapshotPath(next), 1, Connects);
            work++;
        }

        return work;
    }
}
