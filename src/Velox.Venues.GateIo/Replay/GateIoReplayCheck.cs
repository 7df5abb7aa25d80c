using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.MarketData.Capture;
using Velox.MarketData.Feeds;
using Velox.MarketData.Replay;
using Velox.Venues.GateIo.Session;

namespace Velox.Venues.GateIo.Replay;

/// <summary>
/// Offline check of a Gate.io v4 spot capture: every inbound frame goes through the same session as
/// live data; REST order-book snapshots (with <c>id</c>) come from a separate capture (cryptofeed
/// <c>*.http.*</c>) or inline REST records, merged by timestamp. Backs <c>velox replay-check --venue gateio</c>.
/// </summary>
public static class GateIoReplayCheck
{
    /// <summary>Replays <paramref name="path"/> with the REST snapshots of <paramref name="snapshotPath"/>.</summary>
    public static ReplayCheckReport Run(string path, string? snapshotPath = null, bool keepLevelsBeyondSnapshot = false, InstrumentRegistry? registry = null)
    {
        var session = new GateIoMarketDataSession(
            registry ?? new InstrumentRegistry(),
            new GateIoSessionOptions { AddUnknownPairs = true, KeepLevelsBeyondSnapshot = keepLevelsBeyondSnapshot });
        var replayer = new Replayer(session, snapshotPath is null ? [] : RecordedRestSnapshot.Load(snapshotPath, "currency_pair"));
        using (var reader = CaptureReader.Open(path))
        {
            replayer.Feed(reader);
        }

        replayer.FlushSnapshots(long.MaxValue);
        return replayer.Report(snapshotPath is null ? path : $"{path} + {snapshotPath}");
    }

    private sealed class Replayer(GateIoMarketDataSession session, List<RecordedRestSnapshot> snapshots)
    {
        private int _nextSnapshot;
        private long _outbound;
        private long _connects;
        private long _rest;
        private long _meta;
        private long _unmatchedSnapshots;

        public void Feed(CaptureReader reader)
        {
            while (reader.TryRead(out var record))
            {
                if (record.TimestampNanos > 0)
                {
                    FlushSnapshots(record.TimestampNanos);
                }

                switch (record.Direction)
                {
                    case CaptureDirection.Inbound:
                        session.ProcessFrame(record.Frame.Span, record.TimestampNanos);
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
                var pair = session.Find(snapshot.Instrument);
                if (pair?.Book is null)
                {
                    _unmatchedSnapshots++;
                    continue;
                }

                session.ApplySnapshot(pair, snapshot.Body, snapshot.Limit, snapshot.TimestampNanos);
                Drain();
            }
        }

        public ReplayCheckReport Report(string source)
        {
            var s = session.Stats;
            var unknown = s.ErrorsFor(FeedError.UnknownSymbol);
            return new ReplayCheckReport
            {
                Venue = GateIoVenue.Name,
                Source = source,
                Frames = s.Frames,
                Gaps = s.Gaps,
                Resyncs = s.Resyncs,
                Errors = s.Errors - unknown,
                UnknownChannelFrames = unknown,
                Counters =
                [
                    new("book_updates", s.BookUpdates),
                    new("book_stale", s.BookStale),
                    new("book_buffered", s.BookBuffered),
                    new("snapshots", s.Snapshots),
                    new("snapshot_levels", s.SnapshotLevels),
                    new("snapshot_requests", s.SnapshotRequests),
                    new("levels_beyond_snapshot", Sum(static b => b.LevelsBeyondSnapshot)),
                    new("deletes_of_missing_levels", Sum(static b => b.DeletesOfMissingLevels)),
                    new("trades", s.Trades),
                    new("tickers", s.Tickers),
                    new("candlesticks", s.Candlesticks),
                    new("replies", s.Replies),
                    new("other_messages", s.OtherMessages),
                    new("unmatched_snapshots", _unmatchedSnapshots),
                    new("outbound_records", _outbound),
                    new("connect_records", _connects),
                    new("rest_records", _rest),
                    new("meta_records", _meta),
                ],
                ErrorsByReason = ReplayErrors.ByReason<FeedError>(s.ErrorsFor),
                Books = Books(),
            };
        }

        private long Sum(Func<SnapshotDiffBook, long> counter)
        {
            long total = 0;
            foreach (var pair in session.Pairs)
            {
                total += pair!.Book is { } book ? counter(book) : 0;
            }

            return total;
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
            foreach (var pair in session.Pairs)
            {
                if (pair!.Book is not { } depth)
                {
                    continue;
                }

                var instrument = pair.Instrument;
                books.Add(ReplayBooks.Top(instrument.Symbol, "order_book", depth.State.ToString(), depth.Book, instrument.PriceScale, instrument.SizeScale));
            }

            return books;
        }
    }
}
