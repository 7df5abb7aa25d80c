using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.MarketData.Rest;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Venues.Binance.Session;

namespace Velox.Venues.Binance.Connection;

/// <summary>
/// Drives one Binance WebSocket: connects (the session then queues its SUBSCRIBEs), feeds every frame
/// to the <see cref="BinanceMarketDataSession"/>, sends what it queues, fetches the REST depth snapshots
/// it asks for (one at a time, through an <see cref="ISnapshotClient"/>, off-thread) and hands them back,
/// and reconnects with backoff when the socket drops. Agent-style: the owner calls <see cref="VenueConnector{TMarketData, TSession}.DoWork"/>
/// on one thread; nothing blocks except a connect attempt.
/// </summary>
public sealed class BinanceConnector<TMarketData> : VenueConnector<TMarketData, BinanceSessionPort<TMarketData>>
    where TMarketData : struct, IMarketDataHandler
{
    private readonly SnapshotFetcher<BinanceSymbol> _snapshots;

    public BinanceConnector(
        Uri endpoint, BinanceMarketDataSession session, ISnapshotClient snapshots, TMarketData marketData, ReconnectPolicy reconnect,
        WebSocketClientOptions? socketOptions = null, IClock? clock = null)
        : base(endpoint, new BinanceSessionPort<TMarketData>(session), marketData, reconnect, socketOptions, clock)
    {
        Session = session;
        _snapshots = new SnapshotFetcher<BinanceSymbol>(snapshots);
    }

    public BinanceMarketDataSession Session { get; }

    /// <summary>Snapshot fetches that failed after the client's retries (the book asks again).</summary>
    public long SnapshotFailures => _snapshots.Failures;

    /// <summary>Moves REST snapshots along: hands a finished one to the session, starts the next one asked for.</summary>
    protected override int DoVenueWork() => PumpSnapshots();

    protected override void OnStopping() => _snapshots.Cancel();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _snapshots.Dispose();
        }

        base.Dispose(disposing);
    }

    private int PumpSnapshots()
    {
        var work = 0;
        if (_snapshots.TryCollect(Connects, out var symbol, out var body, out var failure))
        {
            work++;
            if (body is not null)
            {
                Session.ApplySnapshot(symbol, body, Session.SnapshotDepth, MonotonicClock.Now(), ref MarketData);
            }
            else if (failure is not null)
            {
                LastError = failure;
                symbol.Depth?.SnapshotFailed();
            }
        }

        if (!_snapshots.IsBusy && Session.TryTakeSnapshotRequest(out var next))
        {
            _snapshots.Start(next, Session.SnapshotPath(next), Session.SnapshotWeight, Connects);
            work++;
        }

        return work;
    }
}
