using Velox.MarketData.Rest;

namespace Velox.MarketData.Feeds;

/// <summary>
/// A connector's REST depth snapshots, one at a time: started on the connector's thread, fetched off it by an
/// <see cref="ISnapshotClient"/>, collected back on it. A snapshot asked for on an earlier connection is dropped
/// when it arrives (that book was reset and asks again). Cold path.
/// </summary>
public sealed class SnapshotFetcher<TSymbol> : IDisposable
    where TSymbol : class
{
    private readonly ISnapshotClient _client;
    private readonly CancellationTokenSource _stop = new();
    private Task<SnapshotResponse>? _fetch;
    private TSymbol? _symbol;
    private string _path = string.Empty;
    private long _connection;

    public SnapshotFetcher(ISnapshotClient client) => _client = client;

    /// <summary>Fetches that failed after the client's retries.</summary>
    public long Failures { get; private set; }

    /// <summary>True while a fetch runs or waits to be collected.</summary>
    public bool IsBusy => _fetch is not null;

    /// <summary>Starts fetching <paramref name="pathAndQuery"/> for <paramref name="symbol"/> on connection number <paramref name="connection"/>.</summary>
    public void Start(TSymbol symbol, string pathAndQuery, int weight, long connection)
    {
        _symbol = symbol;
        _path = pathAndQuery;
        _connection = connection;
        _fetch = _client.FetchAsync(pathAndQuery, weight, _stop.Token);
    }

    /// <summary>
    /// True when a fetch ended: <paramref name="body"/> is the snapshot to apply, or null with <paramref name="failure"/>
    /// saying why (the book must ask again), or null with no failure when it belonged to an earlier connection.
    /// </summary>
    public bool TryCollect(long connection, out TSymbol symbol, out byte[]? body, out string? failure)
    {
        symbol = _symbol!;
        body = null;
        failure = null;
        if (_fetch is not { IsCompleted: true })
        {
            return false;
        }

        var response = _fetch.IsCompletedSuccessfully ? _fetch.Result : null;
        _fetch = null;
        _symbol = null;
        if (_connection != connection)
        {
            return true;
        }

        if (response is { Status: SnapshotStatus.Ok, Body: { } ok })
        {
            body = ok;
            return true;
        }

        Failures++;
        failure = $"snapshot {_path}: {response?.Status.ToString() ?? "failed"} (HTTP {response?.HttpStatus ?? 0})";
        return true;
    }

    /// <summary>Cancels the running fetch (the connector is stopping).</summary>
    public void Cancel() => _stop.Cancel();

    public void Dispose() => _stop.Dispose();
}
