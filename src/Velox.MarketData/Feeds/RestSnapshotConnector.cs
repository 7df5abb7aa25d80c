using System.Text;
using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Rest;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;

namespace Velox.MarketData.Feeds;

/// <summary>
/// A <see cref="VenueConnector{TMarketData, TSession}"/> whose books start from REST snapshots (Binance, Gate.io):
/// besides the WebSocket, it fetches the snapshots the session asks for, one at a time, through an
/// <see cref="ISnapshotClient"/> (off-thread), and hands each back on the connector thread. A snapshot asked for
/// on an earlier connection is dropped: the book was reset and asks again. With <see cref="VenueConnector{TMarketData, TSession}.RawFrames"/>
/// set, each applied snapshot goes to the raw stream too (its request path and body), just before the session applies it.
/// </summary>
/// <typeparam name="TMarketData">Where normalized events go.</typeparam>
/// <typeparam name="TSession">The session's port.</typeparam>
/// <typeparam name="TBook">What the session names a snapshot request by (its symbol or pair).</typeparam>
public abstract class RestSnapshotConnector<TMarketData, TSession, TBook> : VenueConnector<TMarketData, TSession>
    where TMarketData : struct, IMarketDataHandler
    where TSession : struct, IVenueSessionPort<TMarketData>
    where TBook : class
{
    private readonly ISnapshotClient _snapshots;
    private readonly CancellationTokenSource _stop = new();
    private Task<SnapshotResponse>? _fetch;
    private TBook? _fetchBook;
    private string _fetchPath = string.Empty;
    private long _fetchConnection;

    protected RestSnapshotConnector(
        Uri endpoint, TSession session, ISnapshotClient snapshots, TMarketData marketData, ReconnectPolicy reconnect,
        WebSocketClientOptions? socketOptions, IClock? clock)
        : base(endpoint, session, marketData, reconnect, socketOptions, clock)
    {
        _snapshots = snapshots;
    }

    /// <summary>Snapshot fetches that failed after the client's retries (the book asks again).</summary>
    public long SnapshotFailures { get; private set; }

    /// <summary>Takes the session's next snapshot request: the book, the REST path and query, and its rate-limit weight.</summary>
    protected abstract bool TryTakeSnapshotRequest(out TBook book, out string path, out int weight);

    /// <summary>Hands a fetched snapshot body to the session (the market data is <see cref="VenueConnector{TMarketData, TSession}.MarketData"/>).</summary>
    protected abstract void ApplySnapshot(TBook book, byte[] body, long receiveNanos);

    /// <summary>Tells the session the snapshot of <paramref name="book"/> could not be fetched.</summary>
    protected abstract void SnapshotFailed(TBook book);

    /// <summary>The book's name for <see cref="VenueConnector{TMarketData, TSession}.LastError"/>.</summary>
    protected abstract string SnapshotName(TBook book);

    /// <summary>Moves REST snapshots along: hands a finished one to the session, starts the next one asked for.</summary>
    protected override int DoVenueWork()
    {
        var work = 0;
        if (_fetch is { IsCompleted: true })
        {
            var response = _fetch.IsCompletedSuccessfully ? _fetch.Result : null;
            var book = _fetchBook!;
            _fetch = null;
            _fetchBook = null;
            work++;
            if (_fetchConnection == Connects)
            {
                if (response is { Status: SnapshotStatus.Ok, Body: { } body })
                {
                    var now = MonotonicClock.Now();
                    RecordSnapshot(_fetchPath, body, now);
                    ApplySnapshot(book, body, now);
                }
                else
                {
                    SnapshotFailures++;
                    LastError = $"snapshot {SnapshotName(book)}: {response?.Status.ToString() ?? "failed"} (HTTP {response?.HttpStatus ?? 0})";
                    SnapshotFailed(book);
                }
            }
        }

        if (_fetch is null && TryTakeSnapshotRequest(out var next, out var path, out var weight))
        {
            _fetchBook = next;
            _fetchPath = path;
            _fetchConnection = Connects;
            _fetch = _snapshots.FetchAsync(path, weight, _stop.Token);
            work++;
        }

        return work;
    }

    protected override void OnStopping() => _stop.Cancel();

    private void RecordSnapshot(string path, byte[] body, long receiveNanos)
    {
        if (RawFrames is not null)
        {
            RecordRestResponse(Encoding.ASCII.GetBytes(path), body, receiveNanos);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Dispose();
        }

        base.Dispose(disposing);
    }
}
