using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.MarketData.Replay;
using Velox.Venues.Bybit.Parsing;
using Velox.Venues.Bybit.Session;

namespace Velox.Venues.Bybit.Replay;

/// <summary>
/// Offline check of a Bybit capture: every inbound frame goes through the same session (parser, books,
/// <c>u</c> continuity) as live data. Each recorded connection gets its own session, of the category its
/// connect address names, so continuity is per connection; the topics a connection subscribed are taken
/// from its recorded subscribe requests (Bybit acks do not name them). REST records (instrument lists)
/// are counted: v5 books need no REST snapshot. Backs <c>velox replay-check --venue bybit</c>.
/// </summary>
public static class BybitReplayCheck
{
    /// <summary>Replays a capture file (any <see cref="CaptureFormat"/>, gzip or plain).</summary>
    public static ReplayCheckReport Run(string path, InstrumentRegistry? registry = null, CaptureFormat format = CaptureFormat.Auto)
    {
        using var reader = CaptureReader.Open(path, format);
        return Run(reader, path, registry);
    }

    /// <summary>Replays an open capture; <paramref name="source"/> names it in the report.</summary>
    public static ReplayCheckReport Run(CaptureReader reader, string source, InstrumentRegistry? registry = null)
    {
        registry ??= new InstrumentRegistry();
        var sessions = new List<BybitMarketDataSession?>();
        var target = new Target(sessions, registry);
        var counts = CaptureReplayDriver.Run(reader, ref target);

        var live = new List<BybitMarketDataSession>();
        foreach (var session in sessions)
        {
            if (session is not null)
            {
                live.Add(session);
            }
        }

        long Sum(Func<BybitSessionStats, long> counter)
        {
            long total = 0;
            foreach (var session in live)
            {
                total += counter(session.Stats);
            }

            return total;
        }

        var unknown = Sum(s => s.ErrorsFor(FrameError.UnknownChannel));
        return new ReplayCheckReport
        {
            Venue = BybitVenue.Name,
            Source = source,
            Frames = Sum(s => s.Frames),
            Gaps = Sum(s => s.UpdateIdGaps),
            Resyncs = Sum(s => s.Resyncs),
            Errors = Sum(s => s.Errors) - unknown,
            UnknownChannelFrames = unknown,
            Counters =
            [
                new("connections", live.Count),
                new("replies", Sum(s => s.Replies)),
                new("pongs", Sum(s => s.Pongs)),
                new("book_snapshots", Sum(s => s.BookSnapshots)),
                new("book_deltas", Sum(s => s.BookDeltas)),
                new("book_deltas_ignored", Sum(s => s.BookDeltasIgnored)),
                new("update_ids_checked", Sum(s => s.UpdateIdsChecked)),
                new("service_restarts", Sum(s => s.ServiceRestarts)),
                new("snapshot_levels", Sum(s => s.SnapshotLevels)),
                new("delta_levels", Sum(s => s.DeltaLevels)),
                new("deletes_of_missing_levels", Sum(s => s.DeletesOfMissingLevels)),
                new("levels_beyond_depth", Sum(s => s.LevelsBeyondDepth)),
                new("trade_messages", Sum(s => s.TradeMessages)),
                new("trades", Sum(s => s.Trades)),
                new("ticker_snapshots", Sum(s => s.TickerSnapshots)),
                new("ticker_deltas", Sum(s => s.TickerDeltas)),
                new("kline_frames", Sum(s => s.KlineFrames)),
                new("outbound_records", counts.Outbound),
                new("connect_records", counts.Connects),
                new("rest_records", counts.Rest),
                new("meta_records", counts.Meta),
                new("requests_queued", counts.RequestsQueued),
            ],
            ErrorsByReason = ReplayErrors.ByReason<FrameError>(reason => Sum(s => s.ErrorsFor(reason))),
            Books = Books(live),
        };
    }

    /// <summary>The session of a record's connection; a connect record names the category by its address.</summary>
    private static BybitMarketDataSession SessionFor(List<BybitMarketDataSession?> sessions, in CaptureRecord record, InstrumentRegistry registry)
    {
        while (sessions.Count <= record.Connection)
        {
            sessions.Add(null);
        }

        var session = sessions[record.Connection];
        if (record.Direction == CaptureDirection.Connect && session is not null)
        {
            // The same connection connected again: a new socket, so continuity starts over.
            session.OnConnected();
            return session;
        }

        if (session is null)
        {
            // A connection without a recorded address (or an unknown one) is taken as linear.
            var category = record.Direction == CaptureDirection.Connect
                && BybitVenue.TryParseCategory(Encoding.UTF8.GetString(record.Frame.Span), out var named)
                ? named
                : BybitCategory.Linear;

            session = new BybitMarketDataSession(registry, category);
            sessions[record.Connection] = session;
        }

        return session;
    }

    private static List<ReplayBook> Books(List<BybitMarketDataSession> sessions)
    {
        var books = new List<ReplayBook>();
        foreach (var session in sessions)
        {
            foreach (var subscription in session.Subscriptions)
            {
                var book = subscription!.Book;
                if (book is null)
                {
                    continue;
                }

                var instrument = subscription.Instrument;
                books.Add(ReplayBooks.Top(
                    $"{instrument.Venue}:{instrument.Symbol}",
                    $"orderbook.{subscription.Depth}",
                    subscription.State.ToString(),
                    book,
                    instrument.PriceScale,
                    instrument.SizeScale));
            }
        }

        return books;
    }

    /// <summary>
    /// Feeds each record to its connection's session and drains that session's requests; REST and meta
    /// records belong to no session.
    /// </summary>
    private struct Target(List<BybitMarketDataSession?> sessions, InstrumentRegistry registry) : ICaptureReplayTarget
    {
        private BybitMarketDataSession? _current;

        public void OnInbound(in CaptureRecord record)
        {
            _current = SessionFor(sessions, in record, registry);
            _current.ProcessFrame(record.Frame.Span, record.TimestampNanos);
        }

        public void OnOutbound(in CaptureRecord record)
        {
            _current = SessionFor(sessions, in record, registry);
            _current.Adopt(record.Frame.Span);
        }

        public void OnConnect(in CaptureRecord record, bool reconnect) => _current = SessionFor(sessions, in record, registry);

        public long DrainRequests()
        {
            if (_current is null)
            {
                return 0;
            }

            var drained = CaptureReplayDriver.Drain(_current.Outbound);
            _current = null;
            return drained;
        }
    }
}
