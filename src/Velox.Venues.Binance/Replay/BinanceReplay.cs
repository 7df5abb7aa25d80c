using Velox.MarketData.Books;
using Velox.MarketData.Capture;
using Velox.MarketData.Feeds;
using Velox.MarketData.Replay;
using Velox.Venues.Binance.Session;

namespace Velox.Venues.Binance.Replay;

/// <summary>
/// Feeds recorded Binance traffic into a <see cref="BinanceMarketDataSession"/> with no network, as the live
/// connector did: inbound frames, connection starts, and REST depth snapshots, either merged by timestamp from a
/// separate list (captures) or applied where they were recorded (the archive's raw stream). What the session
/// queues to send or asks to fetch is dropped. Counts what it saw and reports the session's counters and books.
/// </summary>
public sealed class BinanceReplay
{
    private static readonly byte[] InlineSnapshotPrefix = "{\"lastUpdateId\""u8.ToArray();

    private readonly BinanceMarketDataSession _session;
    private readonly List<RecordedRestSnapshot> _snapshots;
    private int _nextSnapshot;
    private long _outbound;
    private long _connects;
    private long _rest;
    private long _meta;
    private long _inlineSnapshots;
    private long _unmatchedSnapshots;

    /// <summary>A replay into <paramref name="session"/>; <paramref name="snapshots"/> (sorted by time) are merged by <see cref="FlushSnapshots"/>.</summary>
    public BinanceReplay(BinanceMarketDataSession session, List<RecordedRestSnapshot>? snapshots = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _snapshots = snapshots ?? [];
    }

    /// <summary>Feeds every record of a capture; a connect record after the first is a reconnect.</summary>
    public void Feed(CaptureReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (reader.TryRead(out var record))
        {
            if (record.TimestampNanos > 0)
            {
                FlushSnapshots(record.TimestampNanos);
            }

            var frame = record.Frame.Span;
            switch (record.Direction)
            {
                case CaptureDirection.Inbound when frame.StartsWith(InlineSnapshotPrefix):
                    _inlineSnapshots++;
                    ApplyInline(frame, record.TimestampNanos);
                    break;
                case CaptureDirection.Inbound:
                    _session.ProcessFrame(frame, record.TimestampNanos);
                    break;
                case CaptureDirection.Outbound:
                    _outbound++;
                    break;
                case CaptureDirection.Connect:
                    if (_connects++ > 0)
                    {
                        _session.OnConnected();
                    }

                    break;
                case CaptureDirection.Rest:
                    _rest++;
                    break;
                default:
                    _meta++;
                    break;
            }

            Drain();
        }
    }

    /// <summary>A new connection, as the live connector announces it before its first frame.</summary>
    public void OnConnected()
    {
        _connects++;
        _session.OnConnected();
        Drain();
    }

    /// <summary>One inbound WebSocket frame with its receive time.</summary>
    public void ProcessFrame(ReadOnlySpan<byte> frame, long receiveNanos)
    {
        _session.ProcessFrame(frame, receiveNanos);
        Drain();
    }

    /// <summary>Applies one REST depth snapshot to the book of its instrument (counted as unmatched when no such depth book).</summary>
    public void ApplySnapshot(RecordedRestSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _rest++;
        var symbol = _session.Find(snapshot.Instrument);
        if (symbol?.Depth is null)
        {
            _unmatchedSnapshots++;
            return;
        }

        _session.ApplySnapshot(symbol, snapshot.Body, snapshot.Limit, snapshot.TimestampNanos);
        Drain();
    }

    /// <summary>Applies the listed REST snapshots recorded at or before <paramref name="nanos"/>.</summary>
    public void FlushSnapshots(long nanos)
    {
        while (_nextSnapshot < _snapshots.Count && _snapshots[_nextSnapshot].TimestampNanos <= nanos)
        {
            ApplySnapshot(_snapshots[_nextSnapshot++]);
        }
    }

    /// <summary>The replay-check report: the session's counters, what this replay counted, and the final depth books.</summary>
    public ReplayCheckReport Report(string venue, string source)
    {
        var s = _session.Stats;
        var unknown = s.ErrorsFor(FeedError.UnknownSymbol);
        return new ReplayCheckReport
        {
            Venue = venue,
            Source = source,
            Frames = s.Frames,
            Gaps = s.Gaps,
            Resyncs = s.Resyncs,
            Errors = s.Errors - unknown,
            UnknownChannelFrames = unknown,
            Counters =
            [
                new("depth_updates", s.DepthUpdates),
                new("depth_stale", s.DepthStale),
                new("depth_buffered", s.DepthBuffered),
                new("snapshots", s.Snapshots),
                new("snapshot_levels", s.SnapshotLevels),
                new("snapshot_requests", s.SnapshotRequests),
                new("levels_beyond_snapshot", Sum(static b => b.LevelsBeyondSnapshot)),
                new("deletes_of_missing_levels", Sum(static b => b.DeletesOfMissingLevels)),
                new("trades", s.Trades),
                new("agg_trades", s.AggTrades),
                new("book_tickers", s.BookTickers),
                new("klines", s.Klines),
                new("replies", s.Replies),
                new("other_messages", s.OtherMessages),
                new("inline_snapshots", _inlineSnapshots),
                new("unmatched_snapshots", _unmatchedSnapshots),
                new("outbound_records", _outbound),
                new("connect_records", _connects),
                new("rest_records", _rest),
                new("meta_records", _meta),
                new("requests_queued", s.RequestsQueued),
            ],
            ErrorsByReason = ReplayErrors.ByReason<FeedError>(s.ErrorsFor),
            Books = Books(),
        };
    }

    private long Sum(Func<SnapshotDiffBook, long> counter)
    {
        long total = 0;
        foreach (var symbol in _session.Symbols)
        {
            total += symbol!.Depth is { } book ? counter(book) : 0;
        }

        return total;
    }

    /// <summary>An hftbacktest snapshot names no symbol: it belongs to the book waiting for one.</summary>
    private void ApplyInline(ReadOnlySpan<byte> body, long nanos)
    {
        foreach (var symbol in _session.Symbols)
        {
            if (symbol!.Depth is { } book && book.State != MarketData.Sync.BookSyncState.InSync)
            {
                _session.ApplySnapshot(symbol, body, 0, nanos);
                return;
            }
        }

        _unmatchedSnapshots++;
    }

    private void Drain()
    {
        while (_session.TryTakeSnapshotRequest(out _))
        {
        }

        while (_session.Outbound.TryPeek(out _))
        {
            _session.Outbound.Advance();
        }
    }

    private List<ReplayBook> Books()
    {
        var books = new List<ReplayBook>();
        foreach (var symbol in _session.Symbols)
        {
            if (symbol!.Depth is not { } depth)
            {
                continue;
            }

            var instrument = symbol.Instrument;
            books.Add(ReplayBooks.Top(instrument.Symbol, "depth", depth.State.ToString(), depth.Book, instrument.PriceScale, instrument.SizeScale));
        }

        return books;
    }
}
