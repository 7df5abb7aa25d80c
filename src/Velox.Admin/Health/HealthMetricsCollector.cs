using Velox.Admin.Metrics;
using Velox.Core.Time;
using Velox.MarketData.Sync;

namespace Velox.Admin.Health;

/// <summary>
/// Exports the health board's state as gauges at scrape time: connection up, last-message age (computed
/// now, so it keeps growing when the feed or its thread stalls), book sync state.
/// </summary>
public sealed class HealthMetricsCollector : IMetricsCollector
{
    private readonly HealthBoard _board;
    private readonly IClock _clock;

    public HealthMetricsCollector(HealthBoard board, IClock? clock = null)
    {
        _board = board ?? throw new ArgumentNullException(nameof(board));
        _clock = clock ?? MonotonicClock.Instance;
    }

    public void Collect(MetricsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var connections = _board.Connections;
        writer.Family("velox_connection_up", "1 while the exchange connection is open.", MetricType.Gauge);
        foreach (var connection in connections)
        {
            writer.Sample("velox_connection_up", [new MetricLabel("connection", connection.Name)], connection.Connected ? 1L : 0L);
        }

        writer.Family("velox_last_message_age_seconds", "Seconds since the connection's last inbound message (NaN before the first).", MetricType.Gauge);
        var now = _clock.NowNanos();
        foreach (var connection in connections)
        {
            var last = connection.LastMessageNanos;
            writer.Sample("velox_last_message_age_seconds", [new MetricLabel("connection", connection.Name)], last == 0 ? double.NaN : Math.Max(0, now - last) / 1e9);
        }

        var books = _board.Books;
        writer.Family("velox_book_in_sync", "1 while the book is InSync (snapshot applied, every change accounted for).", MetricType.Gauge);
        foreach (var book in books)
        {
            writer.Sample("velox_book_in_sync", [new MetricLabel("venue", book.Venue), new MetricLabel("symbol", book.Symbol)], book.State == BookSyncState.InSync ? 1L : 0L);
        }

        writer.Family("velox_book_sync_state", "Book sync state: 0 awaiting snapshot, 1 in sync, 2 resyncing, 3 paused.", MetricType.Gauge);
        foreach (var book in books)
        {
            writer.Sample("velox_book_sync_state", [new MetricLabel("venue", book.Venue), new MetricLabel("symbol", book.Symbol)], (long)book.State);
        }
    }
}
