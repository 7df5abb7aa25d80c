using System.Text;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
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
        long outbound = 0, connects = 0, rest = 0, meta = 0, requestsQueued = 0;
        while (reader.TryRead(out var record))
        {
            var session = record.Direction is CaptureDirection.Rest or CaptureDirection.Meta ? null : SessionFor(sessions, record, registry);
            switch (record.Direction)
            {
                case CaptureDirection.Inbound:
                    session!.ProcessFrame(record.Frame.Span, record.TimestampNanos);
                    break;
                case CaptureDirection.Outbound:
                    outbound++;
                    session!.Adopt(record.Frame.Span);
                    break;
                case CaptureDirection.Connect:
                    connects++;
                    break;
                case CaptureDirection.Rest:
                    rest++;
                    break;
                default:
                    meta++;
                    break;
            }

            while (session is not null && session.Outbound.TryPeek(out _))
            {
                requestsQueued++;
                session.Outbound.Advance();
            }
        }

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
                new("outbound_records", outbound),
                new("connect_records", connects),
                new("rest_records", rest),
                new("meta_records", meta),
                new("requests_queued", requestsQueued),
            ],
            ErrorsByReason = ErrorsByReason(live),
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

    private static List<KeyValuePair<string, long>> ErrorsByReason(List<BybitMarketDataSession> sessions)
    {
        var list = new List<KeyValuePair<string, long>>();
        for (var reason = FrameError.Empty; reason <= FrameError.Internal; reason++)
        {
            long count = 0;
            foreach (var session in sessions)
            {
                count += session.Stats.ErrorsFor(reason);
            }

            if (count > 0)
            {
                list.Add(new(reason.ToString(), count));
            }
        }

        return list;
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

                var px = subscription.Instrument.PriceScale;
                var sz = subscription.Instrument.SizeScale;
                var hasBid = book.Bids.Count > 0;
                var hasAsk = book.Asks.Count > 0;
                books.Add(new ReplayBook(
                    $"{subscription.Instrument.Venue}:{subscription.Instrument.Symbol}",
                    $"orderbook.{subscription.Depth}",
                    subscription.State.ToString(),
                    book.Bids.Count,
                    book.Asks.Count,
                    hasBid ? FixedPoint.ToString(book.Bids.Best.Price, px) : null,
                    hasBid ? FixedPoint.ToString(book.Bids.Best.Size, sz) : null,
                    hasAsk ? FixedPoint.ToString(book.Asks.Best.Price, px) : null,
                    hasAsk ? FixedPoint.ToString(book.Asks.Best.Size, sz) : null));
            }
        }

        return books;
    }
}
