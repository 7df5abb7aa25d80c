using Velox.Admin.Health;
using Velox.Admin.Metrics;
using Velox.MarketData.Events;
using Velox.Net.WebSockets;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Connection;

namespace Velox.Host.Admin;

/// <summary>
/// Publishes one Bitfinex connector's counters, connection state, book states and parse-to-book histogram
/// to the admin plane. The connector and its session are single-threaded, so <see cref="Publish"/> runs on
/// the market-data thread at its status cadence (a few times a second), copies without allocating, and the
/// admin thread only reads what was published.
/// </summary>
public sealed class BitfinexAdminFeed<TMarketData>
    where TMarketData : struct, IMarketDataHandler
{
    private readonly BitfinexConnector<TMarketData> _connector;
    private readonly ConnectionHealth _health;
    private readonly BitfinexSubscription[] _bookSubscriptions;
    private readonly BookHealth[] _books;
    private readonly Counter _messages;
    private readonly Counter _bytes;
    private readonly Counter _reconnects;
    private readonly Counter _connectFailures;
    private readonly Counter _resyncs;
    private readonly Counter _checksumsVerified;
    private readonly Counter _checksumMismatches;
    private readonly Counter _gaps;
    private readonly Counter _errors;
    private readonly Counter _bookUpdates;
    private readonly Counter _trades;
    private readonly LatencyHistogramMetric _parseToBook;
    private WebSocketConnection? _lastConnection;
    private long _bytesOfClosedConnections;
    private long _bytesOfLastConnection;

    /// <summary>Registers the series and health entries; call after every book subscription was made.</summary>
    public BitfinexAdminFeed(MetricsRegistry metrics, HealthBoard health, BitfinexConnector<TMarketData> connector)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(health);
        _connector = connector ?? throw new ArgumentNullException(nameof(connector));
        var venue = new MetricLabel("venue", BitfinexVenue.Name);
        _messages = metrics.Counter("velox_messages_total", "Inbound WebSocket messages fed to the parser.", venue);
        _bytes = metrics.Counter("velox_bytes_received_total", "Inbound WebSocket payload bytes (as of the last publish of each connection).", venue);
        _reconnects = metrics.Counter("velox_reconnects_total", "Connections after the first one.", venue);
        _connectFailures = metrics.Counter("velox_connect_failures_total", "Connect attempts that failed.", venue);
        _resyncs = metrics.Counter("velox_resyncs_total", "Book transitions into Resyncing (gap, checksum mismatch, bad frame).", venue);
        _checksumsVerified = metrics.Counter("velox_checksums_verified_total", "Book checksums that matched.", venue);
        _checksumMismatches = metrics.Counter("velox_checksum_mismatches_total", "Book checksums that did not match.", venue);
        _gaps = metrics.Counter("velox_sequence_gaps_total", "Sequence gaps detected.", venue);
        _errors = metrics.Counter("velox_frame_errors_total", "Frames or parts rejected by the parser.", venue);
        _bookUpdates = metrics.Counter("velox_book_updates_total", "Book update frames applied.", venue);
        _trades = metrics.Counter("velox_trades_total", "Public trades received.", venue);
        _parseToBook = metrics.Histogram("velox_parse_to_book_seconds", "From the socket read returning to the book change applied.", null, venue);

        _health = health.AddConnection(BitfinexVenue.Name);
        var books = new List<BitfinexSubscription>();
        foreach (var subscription in connector.Session.Subscriptions)
        {
            if (subscription!.Book is not null)
            {
                books.Add(subscription);
            }
        }

        _bookSubscriptions = [.. books];
        _books = new BookHealth[_bookSubscriptions.Length];
        for (var i = 0; i < _books.Length; i++)
        {
            _books[i] = health.AddBook(BitfinexVenue.Name, _bookSubscriptions[i].Instrument.Symbol);
        }
    }

    /// <summary>Copies the live state; call only on the connector's thread.</summary>
    public void Publish()
    {
        var stats = _connector.Session.Stats;
        _messages.Mirror(stats.Frames);
        _reconnects.Mirror(Math.Max(0, _connector.Connects - 1));
        _connectFailures.Mirror(_connector.ConnectFailures);
        _resyncs.Mirror(stats.Resyncs);
        _checksumsVerified.Mirror(stats.ChecksumsVerified);
        _checksumMismatches.Mirror(stats.ChecksumMismatches);
        _gaps.Mirror(stats.SequenceGaps);
        _errors.Mirror(stats.Errors);
        _bookUpdates.Mirror(stats.BookUpdates);
        _trades.Mirror(stats.TradesExecuted);
        _parseToBook.Publish(_connector.ParseToBook);

        var connection = _connector.Connection;
        if (!ReferenceEquals(connection, _lastConnection))
        {
            _bytesOfClosedConnections += _bytesOfLastConnection;
            _bytesOfLastConnection = 0;
            _lastConnection = connection;
        }

        if (connection is not null)
        {
            _bytesOfLastConnection = connection.BytesReceived;
        }

        _bytes.Mirror(_bytesOfClosedConnections + _bytesOfLastConnection);

        var channels = 0;
        foreach (var subscription in _connector.Session.Subscriptions)
        {
            if (subscription!.ChannelId >= 0)
            {
                channels++;
            }
        }

        _health.Update(
            _connector.State == BitfinexConnectorState.Connected,
            channels,
            Math.Max(0, _connector.Connects - 1) + _connector.ConnectFailures,
            connection?.LastReceiveTimestamp ?? 0,
            _connector.LastError);
        for (var i = 0; i < _books.Length; i++)
        {
            _books[i].Update(_bookSubscriptions[i].State, _bookSubscriptions[i].Resyncs);
        }
    }
}
