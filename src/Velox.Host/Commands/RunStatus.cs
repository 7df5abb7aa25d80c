using Velox.Core.Metrics;
using Velox.Host.Admin;
using Velox.Host.Logging;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Bitfinex.Connection;

namespace Velox.Host.Commands;

/// <summary>
/// Hands the connector's counters and latency histogram from the market-data thread to the status thread:
/// the market-data thread copies them under a lock a few times a second (cold), the status thread reads
/// the copy. The hot loop never waits on the status thread.
/// </summary>
public sealed class RunStatus<TMarketData>
    where TMarketData : struct, IMarketDataHandler
{
    private readonly BitfinexConnector<TMarketData> _connector;
    private readonly object _lock = new();
    private readonly LatencyHistogram _latency = new();
    private readonly int _books;
    private readonly BitfinexAdminFeed<TMarketData>? _admin;
    private readonly MdLogWatch? _log;
    private StatusSnapshot _snapshot;

    /// <summary>Counters of <paramref name="connector"/>; <paramref name="log"/> logs its connection and book changes at each publish (allocation-free).</summary>
    public RunStatus(BitfinexConnector<TMarketData> connector, int books, BitfinexAdminFeed<TMarketData>? admin = null, MdLogWatch? log = null)
    {
        _connector = connector;
        _books = books;
        _admin = admin;
        _log = log;
    }

    /// <summary>Copies the live state; call only on the connector's thread.</summary>
    public void Publish()
    {
        _admin?.Publish();
        _log?.Observe(_connector);
        var stats = _connector.Session.Stats;
        var inSync = 0;
        foreach (var subscription in _connector.Session.Subscriptions)
        {
            if (subscription!.Book is not null && subscription.State == BookSyncState.InSync)
            {
                inSync++;
            }
        }

        lock (_lock)
        {
            _connector.ParseToBook.CopyTo(_latency);
            _snapshot = new StatusSnapshot
            {
                Frames = stats.Frames,
                Books = _books,
                BooksInSync = inSync,
                BookUpdates = stats.BookUpdates,
                Trades = stats.TradesExecuted,
                ChecksumsVerified = stats.ChecksumsVerified,
                ChecksumMismatches = stats.ChecksumMismatches,
                Gaps = stats.SequenceGaps,
                Resyncs = stats.Resyncs,
                Errors = stats.Errors,
                Reconnects = Math.Max(0, _connector.Connects - 1),
                P50 = _latency.ValueAtPercentile(50),
                P99 = _latency.ValueAtPercentile(99),
                P999 = _latency.ValueAtPercentile(99.9),
                Max = _latency.Max,
                Samples = _latency.Count,
            };
        }
    }

    public StatusSnapshot Take()
    {
        lock (_lock)
        {
            return _snapshot;
        }
    }
}
