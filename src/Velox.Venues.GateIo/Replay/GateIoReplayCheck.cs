using System.Text;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
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
        var replayer = new Replayer(session, snapshotPath is null ? [] : RestSnapshot.Load(snapshotPath));
        using (var reader = CaptureReader.Open(path))
        {
            replayer.Feed(reader);
        }

        replayer.FlushSnapshots(long.MaxValue);
        return replayer.Report(snapshotPath is null ? path : $"{path} + {snapshotPath}");
    }

    private sealed class Replayer(GateIoMarketDataSession session, List<RestSnapshot> snapshots)
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
                var pair = session.Find(snapshot.Pair);
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

    /// <summary>One REST order book of a separate capture, with the pair and limit from its URL.</summary>
    private sealed record RestSnapshot(long TimestampNanos, string Pair, int Limit, byte[] Body)
    {
        /// <summary>Reads cryptofeed REST lines <c>&lt;url&gt; -&gt; &lt;unix ts&gt;: &lt;body&gt;</c> (the capture reader keeps only the body).</summary>
        public static List<RestSnapshot> Load(string path)
        {
            var list = new List<RestSnapshot>();
            foreach (var line in File.ReadLines(path))
            {
                var arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
                var colon = arrow < 0 ? -1 : line.IndexOf(": ", arrow, StringComparison.Ordinal);
                if (colon < 0)
                {
                    continue;
                }

                var url = new Uri(line[..arrow]);
                var pair = QueryValue(url.Query, "currency_pair");
                if (pair is null || !FixedPoint.TryParse(Encoding.ASCII.GetBytes(line[(arrow + 4)..colon]), 9, out var nanos))
                {
                    continue;
                }

                _ = int.TryParse(QueryValue(url.Query, "limit"), out var limit);
                list.Add(new RestSnapshot(nanos, pair, limit, Encoding.UTF8.GetBytes(line[(colon + 2)..])));
            }

            list.Sort((a, b) => a.TimestampNanos.CompareTo(b.TimestampNanos));
            return list;
        }

        private static string? QueryValue(string query, string name)
        {
            foreach (var part in query.TrimStart('?').Split('&'))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && part.AsSpan(0, eq).SequenceEqual(name))
                {
                    return part[(eq + 1)..];
                }
            }

            return null;
        }
    }
}
