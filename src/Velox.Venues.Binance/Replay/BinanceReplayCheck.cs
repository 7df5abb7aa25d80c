using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.MarketData.Capture;
using Velox.MarketData.Feeds;
using Velox.MarketData.Replay;
using Velox.Venues.Binance.Session;

namespace Velox.Venues.Binance.Replay;

/// <summary>
/// Offline check of Binance captures: every inbound frame goes through the same session (parser,
/// books, id bridge) as live data. REST depth snapshots come inline (hftbacktest) or from a separate
/// REST capture (cryptofeed <c>*.http.*</c>), merged by timestamp; outbound, connect and REST records
/// are counted. Several files replay through one session, so a rotated capture continues the previous
/// one. Backs <c>velox replay-check --venue binance</c>.
/// </summary>
public static class BinanceReplayCheck
{
    private static readonly byte[] InlineSnapshotPrefix = "{\"lastUpdateId\""u8.ToArray();

    /// <summary>Replays one capture (optionally with a separate REST snapshot capture).</summary>
    public static ReplayCheckReport Run(string path, string? snapshotPath = null, BinanceMarket? market = null, bool keepLevelsBeyondSnapshot = false) =>
        Run([path], snapshotPath, market, keepLevelsBeyondSnapshot);

    /// <summary>
    /// Replays captures in order through one session; the market is detected from the first file when
    /// not given. <paramref name="keepLevelsBeyondSnapshot"/> selects the depth policy (see <see cref="BinanceSessionOptions.KeepLevelsBeyondSnapshot"/>).
    /// </summary>
    public static ReplayCheckReport Run(IReadOnlyList<string> paths, string? snapshotPath = null, BinanceMarket? market = null, bool keepLevelsBeyondSnapshot = false, InstrumentRegistry? registry = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(paths.Count);
        var resolved = market ?? DetectMarket(paths[0]);
        var session = new BinanceMarketDataSession(
            registry ?? new InstrumentRegistry(),
            new BinanceSessionOptions { Market = resolved, AddUnknownSymbols = true, KeepLevelsBeyondSnapshot = keepLevelsBeyondSnapshot });
        var run = new Replayer(session, snapshotPath is null ? [] : RecordedRestSnapshot.Load(snapshotPath, "symbol"));
        foreach (var path in paths)
        {
            using var reader = CaptureReader.Open(path);
            run.Feed(reader);
        }

        run.FlushSnapshots(long.MaxValue);
        return run.Report(BinanceVenue.Name(resolved), string.Join(" + ", snapshotPath is null ? paths : [.. paths, snapshotPath]));
    }

    /// <summary>Futures diffs carry <c>pu</c>; spot diffs do not.</summary>
    public static BinanceMarket DetectMarket(string path)
    {
        using var reader = CaptureReader.Open(path);
        for (var i = 0; i < 10_000 && reader.TryRead(out var record); i++)
        {
            var frame = record.Frame.Span;
            if (record.Direction == CaptureDirection.Connect && frame.IndexOf("fstream"u8) >= 0)
            {
                return BinanceMarket.UsdmFutures;
            }

            if (record.Direction == CaptureDirection.Inbound && frame.IndexOf("\"depthUpdate\""u8) >= 0)
            {
                return frame.IndexOf("\"pu\":"u8) >= 0 ? BinanceMarket.UsdmFutures : BinanceMarket.Spot;
            }
        }

        return BinanceMarket.Spot;
    }

    private sealed class Replayer(BinanceMarketDataSession session, List<RecordedRestSnapshot> snapshots)
    {
        private int _nextSnapshot;
        private long _outbound;
        private long _connects;
        private long _rest;
        private long _meta;
        private long _inlineSnapshots;
        private long _unmatchedSnapshots;

        public void Feed(CaptureReader reader)
        {
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
                        session.ProcessFrame(frame, record.TimestampNanos);
                        break;
                    case CaptureDirection.Outbound:
                        _outbound++;
                        break;
                    case CaptureDirection.Connect:
                        if (_connects++ > 0)
                        {
                            session.OnConnected();
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

        /// <summary>Applies REST snapshots recorded at or before <paramref name="nanos"/>.</summary>
        public void FlushSnapshots(long nanos)
        {
            while (_nextSnapshot < snapshots.Count && snapshots[_nextSnapshot].TimestampNanos <= nanos)
            {
                var snapshot = snapshots[_nextSnapshot++];
                _rest++;
                var symbol = session.Find(snapshot.Instrument);
                if (symbol?.Depth is null)
                {
                    _unmatchedSnapshots++;
                    continue;
                }

                session.ApplySnapshot(symbol, snapshot.Body, snapshot.Limit, snapshot.TimestampNanos);
                Drain();
            }
        }

        public ReplayCheckReport Report(string venue, string source)
        {
            var s = session.Stats;
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
            foreach (var symbol in session.Symbols)
            {
                total += symbol!.Depth is { } book ? counter(book) : 0;
            }

            return total;
        }

        /// <summary>An hftbacktest snapshot names no symbol: it belongs to the book waiting for one.</summary>
        private void ApplyInline(ReadOnlySpan<byte> body, long nanos)
        {
            foreach (var symbol in session.Symbols)
            {
                if (symbol!.Depth is { } book && book.State != MarketData.Sync.BookSyncState.InSync)
                {
                    session.ApplySnapshot(symbol, body, 0, nanos);
                    return;
                }
            }

            _unmatchedSnapshots++;
        }

        private void Drain()
        {
            while (session.TryTakeSnapshotRequest(out _))
            {
            }

            while (session.Outbound.TryPeek(out _))
            {
                session.Outbound.Advance();
            }
        }

        private List<ReplayBook> Books()
        {
            var books = new List<ReplayBook>();
            foreach (var symbol in session.Symbols)
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
}
