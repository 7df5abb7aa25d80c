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
public sealed class MexcConnector<TMarketData> : RestSnapshotConnector<TMarketData, MexcSessionPort<TMarketData>, MexcSymbol>
    where TMarketData : struct, IMarketDataHandler
{
    private readonly long _pingIntervalNanos;
    private long _nextPingNanos;

    public MexcConnector(
        Uri endpoint, MexcMarketDataSession session, ISnapshotClient snapshots, TMarketData marketData, ReconnectPolicy reconnect,
        TimeSpan? pingInterval = null, WebSocketClientOptions? socketOptions = null, IClock? clock = null)
        : base(endpoint, new MexcSessionPort<TMarketData>(session), snapshots, marketData, reconnect, socketOptions, clock)
    {
        Session = session;
        PingInterval = pingInterval ?? TimeSpan.FromSeconds(20);
        _pingIntervalNanos = (long)(PingInterval.TotalMilliseconds * 1_000_000);
    }

    public MexcMarketDataSession Session { get; }

    /// <summary>How often the keep-alive PING is sent.</summary>
    public TimeSpan PingInterval { get; }

    /// <summary>PINGs queued.</summary>
    public long Pings { get; private set; }

    /// <summary>Moves REST snapshots along and sends the PING when due.</summary>
    protected override int DoVenueWork() => base.DoVenueWork() + Ping();

    protected override bool TryTakeSnapshotRequest(out MexcSymbol book, out string path, out int weight)
    {
        path = string.Empty;
        weight = 1;
        if (!Session.TryTakeSnapshotRequest(out book))
        {
            return false;
        }

        path = Session.SnapshotPath(book);
        return true;
    }

    protected override void ApplySnapshot(MexcSymbol book, byte[] body, long receiveNanos) =>
        Session.ApplySnapshot(book, body, receiveNanos, ref MarketData);

    protected override void SnapshotFailed(MexcSymbol book) => book.Depth.SnapshotFailed();

    protected override string SnapshotName(MexcSymbol book) => book.Instrument.Symbol;

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
}
