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
    private readonly ISnapshotClient _snapshots;
    private readonly CancellationTokenSource _stop = new();
    private Task<SnapshotResponse>? _fetch;
    private BinanceSymbol? _fetchSymbol;
    private long _fetchConnection;

    public BinanceConnector(
        Uri endpoint, BinanceMarketDataSession session, ISnapshotClient snapshots, TMarketData marketData, ReconnectPolicy reconnect,
        WebSocketClientOptions? socketOptions = null, IClock? clock = null)
        : base(endpoint, new BinanceSessionPort<TMarketData>(session), marketData, reconnect, socketOptions, clock)
    {
        Session = session;
        _snapshots = snapshots;
    }

    public BinanceMarketDataSession Session { get; }

    /// <summary>Snapshot fetches that failed after the client's retries (the book asks again).</summary>
    public long SnapshotFailures { get; private set; }

    /// <summary>Moves REST snapshots along: hands a finished one to the session, starts the next one asked for.</summary>
    protected override int DoVenueWork() => PumpSnapshots();

    protected override void OnStopping() => _stop.Cancel();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Dispose();
        }

        base.Dispose(disposing);
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
                    Session.ApplySnapshot(symbol, body, Session.SnapshotDepth, MonotonicClock.Now(), ref MarketData);
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
}
